/** Labels (Bahasa Indonesia) and colours for codes found in the marts. Unknown codes show as themselves. */

export const LEVEL_LABEL: Record<string, string> = {
  provinsi: 'Provinsi',
  kabupaten: 'Kabupaten',
  kota: 'Kota',
};

export const DATASET_LABEL: Record<string, string> = {
  skm: 'SKM',
  fkp: 'FKP',
  complaints: 'Pengaduan (LAPOR!)',
};
/** The reporting roster and status codes come from the contract (one definition, shared with the CLI). */
export {
  REPORTED_DATASETS as DATASETS,
  STATUS_LABEL,
  SUBMISSION_STATUSES as STATUSES,
} from '../../functions/core/contract/names.ts';
export const STATUS_COLOR: Record<string, string> = {
  on_time: '#2e7d32',
  late: '#f9a825',
  missing: '#757575',
  rejected: '#c62828',
};

export const FLAG_LABEL: Record<string, string> = {
  skm_straightlining: 'SKM: jawaban seragam (straight-lining)',
  skm_all_max: 'SKM: semua jawaban bernilai 4',
  skm_burst: 'SKM: lonjakan isian dalam waktu singkat',
  skm_duplicates: 'SKM: kuesioner duplikat',
  skm_undersampled: 'SKM: responden di bawah sampel minimum',
  skm_grade_vs_complaints: 'SKM: mutu A tetapi pengaduan tak terselesaikan',
  fkp_ceremonial: 'FKP: forum seremonial',
  complaint_impossible_timeline: 'Pengaduan: urutan waktu mustahil',
};

export const SEVERITY_LABEL: Record<string, string> = {
  high: 'Tinggi',
  medium: 'Sedang',
  low: 'Rendah',
  error: 'Berat',
  warning: 'Peringatan',
  info: 'Info',
};

/** Category colours, best (green) to worst (dark red). */
export const CATEGORY_COLOR: Record<string, string> = {
  A: '#1b5e20',
  'A-': '#388e3c',
  B: '#7cb342',
  'B-': '#c0ca33',
  C: '#fdd835',
  'C-': '#ffb300',
  D: '#fb8c00',
  E: '#e53935',
  F: '#8e0000',
};
export const UNRANKED_COLOR = '#bdbdbd';

/** Text colour readable on a category colour. */
export const categoryInk = (category: string | null): string =>
  category && ['B-', 'C', 'C-', 'D'].includes(category) ? '#212121' : '#ffffff';

export const label = (map: Record<string, string>, code: string | null | undefined): string =>
  code ? (map[code] ?? code) : '—';
