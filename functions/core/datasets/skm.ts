import { DATASET_TABLE } from '../contract/names.ts';
import { date, enumeration, type IntegerColumn, integer, text, timestamp } from './columns.ts';
import { defineDataset } from './definition.ts';
import { answerLabels, QUESTIONNAIRE } from './questionnaire.ts';
import { UNIT_BY_NAME } from './unit.ts';

/** The nine SKM unsur (PermenPANRB 14/2017), in the order SKM applications use. */
export const UNSUR = [
  { id: 'u1', name: 'Persyaratan', extra: [] },
  { id: 'u2', name: 'Sistem, Mekanisme, dan Prosedur', extra: ['Prosedur'] },
  { id: 'u3', name: 'Waktu Penyelesaian', extra: [] },
  { id: 'u4', name: 'Biaya/Tarif', extra: ['Biaya', 'Tarif'] },
  { id: 'u5', name: 'Produk Spesifikasi Jenis Pelayanan', extra: ['Produk Layanan'] },
  { id: 'u6', name: 'Kompetensi Pelaksana', extra: [] },
  { id: 'u7', name: 'Perilaku Pelaksana', extra: [] },
  { id: 'u8', name: 'Sarana dan Prasarana', extra: [] },
  { id: 'u9', name: 'Penanganan Pengaduan, Saran dan Masukan', extra: ['Penanganan Pengaduan'] },
] as const;

type UnsurId = (typeof UNSUR)[number]['id'];

const unsurColumns = Object.fromEntries(
  UNSUR.map(({ id, name, extra }, i) => [
    id,
    integer({
      min: 1,
      max: 4,
      nullable: true,
      labels: answerLabels(i),
      answers: QUESTIONNAIRE[i]!.answers,
      aliases: [
        `U${i + 1}`,
        `Unsur ${i + 1}`,
        `U${i + 1} - ${name}`,
        `Unsur ${i + 1} - ${name}`,
        name,
        ...extra,
      ],
      doc: { id: `Nilai unsur ${i + 1} (${name}), 1–4`, en: `Score of element ${i + 1} (${name}), 1–4` },
    }),
  ]),
) as unknown as Record<UnsurId, IntegerColumn & { nullable: true }>;

export const skm = defineDataset({
  id: 'skm',
  table: DATASET_TABLE.skm,
  grain: {
    id: 'Satu kuesioner responden Survei Kepuasan Masyarakat',
    en: "One respondent's SKM questionnaire",
  },
  key: 'response_id',
  deriveKey: true,
  replaceScope: 'unit',
  requireOneOf: [
    ['unit_id', 'unit_name'],
    ['survey_date', 'submitted_at'],
  ],
  columns: {
    response_id: text({
      required: false,
      maxLength: 100,
      aliases: ['ID Responden', 'No Responden', 'Nomor Kuesioner', 'ID Kuesioner'],
      doc: {
        id: 'ID kuesioner (diturunkan dari berkas dan nomor baris bila tidak ada)',
        en: 'Questionnaire id (derived from the file and row when absent)',
      },
    }),
    ...UNIT_BY_NAME,
    service_type: text({
      required: false,
      maxLength: 200,
      nullable: true,
      aliases: ['Jenis Layanan', 'Layanan'],
      doc: { id: 'Jenis layanan yang diterima', en: 'Service received' },
    }),
    survey_date: date({
      required: false,
      inPeriod: true,
      orDateOf: 'submitted_at',
      aliases: ['Tanggal', 'Tanggal Survei', 'Tgl Survei', 'Tanggal Pengisian'],
      doc: { id: 'Tanggal survei', en: 'Survey date' },
    }),
    ...unsurColumns,
    gender: enumeration({
      required: false,
      nullable: true,
      values: { L: ['l', 'laki-laki', 'laki laki', 'pria', 'lk'], P: ['p', 'perempuan', 'wanita', 'pr'] },
      aliases: ['Jenis Kelamin', 'JK', 'Kelamin'],
      doc: { id: 'Jenis kelamin responden (L/P)', en: 'Respondent gender (L/P)' },
    }),
    age: integer({
      required: false,
      min: 10,
      max: 120,
      nullable: true,
      aliases: ['Umur', 'Usia'],
      doc: { id: 'Umur responden (tahun)', en: 'Respondent age (years)' },
    }),
    education: text({
      required: false,
      maxLength: 50,
      nullable: true,
      aliases: ['Pendidikan', 'Pendidikan Terakhir'],
      doc: { id: 'Pendidikan terakhir', en: 'Education level' },
    }),
    occupation: text({
      required: false,
      maxLength: 50,
      nullable: true,
      aliases: ['Pekerjaan'],
      doc: { id: 'Pekerjaan utama', en: 'Occupation' },
    }),
    submitted_at: timestamp({
      required: false,
      nullable: true,
      aliases: ['Waktu Pengisian', 'Waktu Submit', 'Timestamp', 'Cap Waktu', 'Stempel Waktu', 'Waktu'],
      doc: {
        id: 'Waktu kuesioner dikirim (waktu setempat)',
        en: 'Time the questionnaire was submitted (local time)',
      },
    }),
  },
  rowRules: [
    {
      kind: 'atLeastOne',
      code: 'tanpa_jawaban',
      columns: UNSUR.map((u) => u.id),
      message: 'Tidak ada satu pun unsur (U1–U9) yang dijawab.',
    },
  ],
});
