import { DATASET_TABLE } from '../contract/names.ts';
import { date, enumeration, flag, integer, text } from './columns.ts';
import { defineDataset } from './definition.ts';
import { UNIT_BY_NAME } from './unit.ts';

const count = (aliases: string[], id: string, en: string) =>
  integer({ min: 0, max: 100_000, aliases, doc: { id, en } });

/** The five stakeholder groups evaluators count (participant columns). */
export const STAKEHOLDER_COLUMNS = [
  'participants_users',
  'participants_experts',
  'participants_agencies',
  'participants_cso',
  'participants_media',
] as const;

export const fkp = defineDataset({
  id: 'fkp',
  table: DATASET_TABLE.fkp,
  grain: {
    id: 'Satu Forum Konsultasi Publik yang diselenggarakan unit',
    en: 'One public-consultation forum held by a unit',
  },
  key: 'forum_id',
  deriveKey: true,
  replaceScope: 'unit',
  requireOneOf: [['unit_id', 'unit_name']],
  columns: {
    forum_id: text({
      required: false,
      maxLength: 100,
      aliases: ['ID Forum', 'Kode Forum', 'No Forum'],
      doc: { id: 'ID forum', en: 'Forum id' },
    }),
    ...UNIT_BY_NAME,
    forum_date: date({
      inPeriod: true,
      aliases: ['Tanggal', 'Tanggal Forum', 'Tanggal Pelaksanaan', 'Tgl Forum'],
      doc: { id: 'Tanggal pelaksanaan forum', en: 'Forum date' },
    }),
    mode: enumeration({
      required: false,
      nullable: true,
      values: {
        luring: ['luring', 'offline', 'tatap muka'],
        daring: ['daring', 'online', 'virtual'],
        hybrid: ['hybrid', 'hibrida', 'campuran'],
      },
      aliases: ['Metode', 'Mode', 'Bentuk Pelaksanaan'],
      doc: { id: 'Metode pelaksanaan (luring/daring/hybrid)', en: 'Mode (in person/online/hybrid)' },
    }),
    topic: text({
      required: false,
      nullable: true,
      maxLength: 500,
      aliases: ['Topik', 'Tema', 'Topik Bahasan'],
      doc: { id: 'Topik yang dibahas', en: 'Topic discussed' },
    }),
    participants_users: count(
      ['Peserta Pengguna Layanan', 'Pengguna Layanan', 'Jumlah Pengguna Layanan'],
      'Jumlah peserta dari pengguna layanan',
      'Participants: service users',
    ),
    participants_experts: count(
      ['Peserta Akademisi', 'Akademisi/Pakar', 'Peserta Pakar', 'Pakar/Praktisi/Akademisi'],
      'Jumlah peserta pakar/praktisi/akademisi',
      'Participants: experts, practitioners, academics',
    ),
    participants_agencies: count(
      ['Peserta Instansi', 'Instansi Terkait', 'Peserta Instansi Terkait'],
      'Jumlah peserta instansi terkait',
      'Participants: related agencies',
    ),
    participants_cso: count(
      ['Peserta Ormas', 'Ormas/LSM', 'Peserta LSM', 'Organisasi Masyarakat'],
      'Jumlah peserta organisasi masyarakat sipil',
      'Participants: civil-society organisations',
    ),
    participants_media: count(
      ['Peserta Media', 'Media Massa', 'Media'],
      'Jumlah peserta media massa',
      'Participants: mass media',
    ),
    agreements_count: count(
      ['Jumlah Kesepakatan', 'Kesepakatan'],
      'Jumlah butir kesepakatan',
      'Agreements reached',
    ),
    rtl_planned: count(
      ['RTL Direncanakan', 'Jumlah RTL', 'Rencana Tindak Lanjut'],
      'Jumlah rencana tindak lanjut (RTL)',
      'Follow-up actions planned (RTL)',
    ),
    rtl_done: count(
      ['RTL Selesai', 'RTL Terlaksana', 'Realisasi RTL'],
      'Jumlah RTL yang sudah terlaksana',
      'Follow-up actions done',
    ),
    berita_acara: flag({
      aliases: ['Berita Acara', 'Ada Berita Acara', 'BA'],
      doc: { id: 'Ada berita acara', en: 'Minutes (berita acara) exist' },
    }),
    published: flag({
      required: false,
      nullable: true,
      aliases: ['Dipublikasikan', 'Publikasi', 'Dipublikasi'],
      doc: { id: 'Hasil forum dipublikasikan', en: 'Results published' },
    }),
  },
});
