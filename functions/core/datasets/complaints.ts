import { DATASET_TABLE } from '../contract/names.ts';
import { enumeration, integer, pii, text, timestamp } from './columns.ts';
import { defineDataset } from './definition.ts';
import { UNIT_BY_NAME } from './unit.ts';

export const complaints = defineDataset({
  id: 'complaints',
  table: DATASET_TABLE.complaints,
  grain: { id: 'Satu laporan SP4N-LAPOR!', en: 'One SP4N-LAPOR! complaint' },
  key: 'complaint_id',
  requireOneOf: [['unit_id', 'unit_name']],
  columns: {
    complaint_id: text({
      maxLength: 100,
      aliases: ['No Tracking', 'Nomor Tracking', 'Nomor Laporan', 'ID Laporan', 'No Laporan'],
      doc: { id: 'Nomor tracking laporan', en: 'Tracking id' },
    }),
    ...UNIT_BY_NAME,
    received_at: timestamp({
      inPeriod: true,
      aliases: ['Tanggal Laporan', 'Tanggal Masuk', 'Waktu Laporan'],
      doc: { id: 'Waktu laporan diterima', en: 'Received at' },
    }),
    verified_at: timestamp({
      nullable: true,
      aliases: ['Tanggal Verifikasi', 'Waktu Verifikasi'],
      doc: { id: 'Waktu laporan diverifikasi', en: 'Verified at' },
    }),
    followed_up_at: timestamp({
      nullable: true,
      aliases: ['Tanggal Tindak Lanjut', 'Waktu Tindak Lanjut'],
      doc: { id: 'Waktu tindak lanjut pertama', en: 'First follow-up at' },
    }),
    completed_at: timestamp({
      nullable: true,
      aliases: ['Tanggal Selesai', 'Waktu Selesai'],
      doc: { id: 'Waktu laporan selesai', en: 'Completed at' },
    }),
    status: enumeration({
      values: {
        baru: ['baru', 'belum terverifikasi', 'belum diverifikasi'],
        terverifikasi: ['terverifikasi', 'diverifikasi'],
        proses: ['proses', 'dalam proses', 'ditindaklanjuti', 'diproses'],
        selesai: ['selesai'],
        ditunda: ['ditunda', 'tunda'],
        bukan_wewenang: ['bukan wewenang', 'bukan_wewenang'],
        diarsipkan: ['diarsipkan', 'arsip'],
      },
      aliases: ['Status', 'Status Laporan'],
      doc: { id: 'Status laporan', en: 'Status' },
    }),
    classification: enumeration({
      required: false,
      nullable: true,
      values: {
        pengaduan: ['pengaduan'],
        aspirasi: ['aspirasi'],
        permintaan_informasi: ['permintaan informasi', 'permintaan_informasi'],
      },
      aliases: ['Klasifikasi', 'Jenis Laporan'],
      doc: { id: 'Klasifikasi laporan', en: 'Classification' },
    }),
    category: text({
      required: false,
      maxLength: 200,
      nullable: true,
      aliases: ['Kategori', 'Kategori Laporan'],
      doc: { id: 'Kategori laporan', en: 'Category' },
    }),
    channel: text({
      required: false,
      maxLength: 100,
      nullable: true,
      aliases: ['Kanal', 'Sumber', 'Saluran'],
      doc: { id: 'Kanal masuk laporan', en: 'Channel' },
    }),
    rating: integer({
      required: false,
      nullable: true,
      min: 1,
      max: 5,
      aliases: ['Rating', 'Penilaian', 'Nilai Kepuasan'],
      doc: { id: 'Penilaian pelapor (1–5)', en: 'Reporter rating (1–5)' },
    }),
    reporter_name: pii({
      action: 'drop',
      aliases: ['Nama Pelapor', 'Nama'],
      doc: { id: 'Nama pelapor', en: 'Reporter name' },
    }),
    reporter_phone: pii({
      action: 'drop',
      aliases: ['No HP', 'Nomor HP', 'Telepon', 'No Telepon', 'HP'],
      doc: { id: 'Nomor telepon pelapor', en: 'Reporter phone' },
    }),
    reporter_email: pii({
      action: 'drop',
      aliases: ['Email', 'E-mail', 'Surel'],
      doc: { id: 'Surel pelapor', en: 'Reporter e-mail' },
    }),
    reporter_nik: pii({
      action: 'hash',
      aliases: ['NIK', 'NIK Pelapor', 'No KTP'],
      doc: {
        id: 'NIK pelapor (kunci pelapor berulang)',
        en: 'Reporter national id (repeat-complainant key)',
      },
    }),
    description: pii({
      action: 'drop',
      aliases: ['Isi Laporan', 'Deskripsi', 'Uraian', 'Keterangan'],
      doc: { id: 'Isi laporan (teks bebas)', en: 'Complaint text (free text)' },
    }),
  },
});
