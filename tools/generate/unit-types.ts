/** A kind of service unit (UPP) and what distinguishes it in the generated data. */
export interface UnitType {
  /** Short code used in unit ids. */
  code: string;
  /** `unit_type` as regions write it. */
  label: string;
  /** Unit name; `{place}` is a locality, `{region}` the region's name. */
  name: string;
  services: readonly string[];
  /** Multiplier of the scale's median annual service users. */
  users: number;
  /** Multiplier of the scale's complaints per unit per quarter. */
  complaints: number;
  /** How many such units a region has: fixed ones appear once, others scale with region size. */
  repeat: 'once' | 'many';
  levels: readonly ('provinsi' | 'kabupaten' | 'kota')[];
}

const KK = ['kabupaten', 'kota'] as const;
const ALL = ['provinsi', 'kabupaten', 'kota'] as const;

/** Unit types of Indonesian regional governments, with their typical services. */
export const UNIT_TYPES: readonly UnitType[] = [
  {
    code: 'DPMPTSP',
    label: 'DPMPTSP',
    name: 'Dinas Penanaman Modal dan PTSP {region}',
    services: [
      'Perizinan Berusaha',
      'Persetujuan Bangunan Gedung',
      'Izin Praktik Tenaga Kesehatan',
      'Izin Reklame',
    ],
    users: 1.5,
    complaints: 1.5,
    repeat: 'once',
    levels: ALL,
  },
  {
    code: 'DUKCAPIL',
    label: 'Disdukcapil',
    name: 'Dinas Kependudukan dan Pencatatan Sipil {region}',
    services: ['KTP-el', 'Kartu Keluarga', 'Akta Kelahiran', 'Akta Kematian', 'Pindah Datang'],
    users: 3,
    complaints: 2,
    repeat: 'once',
    levels: KK,
  },
  {
    code: 'RSUD',
    label: 'RSUD',
    name: 'RSUD {place}',
    services: ['Rawat Jalan – Poli Umum', 'Rawat Inap', 'IGD', 'Laboratorium', 'Farmasi'],
    users: 2,
    complaints: 1.5,
    repeat: 'once',
    levels: ALL,
  },
  {
    code: 'SAMSAT',
    label: 'Samsat',
    name: 'UPT Samsat {place}',
    services: ['Pajak Kendaraan Tahunan', 'Pengesahan STNK 5 Tahunan', 'Balik Nama Kendaraan'],
    users: 3,
    complaints: 1,
    repeat: 'many',
    levels: ['provinsi'],
  },
  {
    code: 'DISDIK',
    label: 'Dinas',
    name: 'Dinas Pendidikan {region}',
    services: ['Legalisir Ijazah', 'Mutasi Siswa', 'Izin Operasional Sekolah'],
    users: 0.6,
    complaints: 0.8,
    repeat: 'once',
    levels: ALL,
  },
  {
    code: 'DINSOS',
    label: 'Dinas',
    name: 'Dinas Sosial {region}',
    services: ['Rekomendasi PBI-JK', 'Bantuan Sosial', 'Surat Keterangan Tidak Mampu'],
    users: 0.5,
    complaints: 1,
    repeat: 'once',
    levels: KK,
  },
  {
    code: 'DISHUB',
    label: 'Dinas',
    name: 'Dinas Perhubungan {region}',
    services: ['Uji KIR', 'Izin Trayek', 'Izin Parkir'],
    users: 0.5,
    complaints: 0.7,
    repeat: 'once',
    levels: ALL,
  },
  {
    code: 'PKM',
    label: 'Puskesmas',
    name: 'Puskesmas {place}',
    services: ['Pemeriksaan Umum', 'KIA dan KB', 'Imunisasi', 'Gigi dan Mulut'],
    users: 0.8,
    complaints: 0.4,
    repeat: 'many',
    levels: KK,
  },
  {
    code: 'KEC',
    label: 'Kecamatan',
    name: 'Kecamatan {place}',
    services: ['Surat Keterangan', 'Legalisir', 'Rekomendasi Izin', 'Pelayanan KTP'],
    users: 0.5,
    complaints: 0.3,
    repeat: 'many',
    levels: KK,
  },
];

/** Locality names for unit names (Puskesmas Sukamaju, Kecamatan Karanganyar, …). */
export const PLACES = [
  'Sukamaju',
  'Sukajadi',
  'Mekarsari',
  'Karanganyar',
  'Sumbersari',
  'Tanjung Harapan',
  'Sidomulyo',
  'Kampung Baru',
  'Margahayu',
  'Cibeunying',
  'Wonorejo',
  'Pasar Minggu',
  'Batu Ampar',
  'Air Tawar',
  'Sei Rampah',
  'Padang Panjang',
  'Lubuk Pakam',
  'Tegalrejo',
  'Gunung Sari',
  'Kota Baru',
  'Tanah Abang',
  'Mandala',
  'Banjarsari',
  'Rejosari',
  'Pangkalan',
  'Simpang Tiga',
  'Teluk Dalam',
  'Muara Enim',
  'Karang Anyar',
  'Bukit Tinggi',
  'Sungai Raya',
  'Talang Kelapa',
];
