import type { DatasetId } from '#core/datasets/index.ts';
import type { SubmissionStatus } from '#core/ledger.ts';
import type { Check } from './compile.ts';
import { RULES, type RuleCode } from './rules.ts';

/** One rejected cell (or row) as the officer finds it in their file. */
export interface RowFinding {
  /** Row number in the uploaded file (as Excel or the editor shows it). */
  row: number;
  /** Canonical column, or null for a whole-row rule. */
  column: string | null;
  /** The column's header text in the uploaded file. */
  header: string | null;
  value: string | null;
  rule: RuleCode;
  message: string;
}

/** The uploader's report (`reports/{region}/{dataset}/{period}/{submission}.json`) and the CLI's JSON line. */
export interface SubmissionReport {
  file: string;
  submission_id: string;
  dataset: DatasetId | string | null;
  region_code: string | null;
  period: string | null;
  status: SubmissionStatus;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  /** Accepted with the header and no data rows: "none this period" (DESIGN.md "Intake of field exports"). */
  nihil: boolean;
  /** File-level reasons, empty when accepted. */
  errors: string[];
  /** One-sentence summary in Bahasa Indonesia. */
  summary: string;
  sha256: string;
  size_bytes: number;
  uploaded_at: string;
  format: string | null;
  /** A newer upload already in place: this accepted file did not replace it. */
  superseded_on_arrival_by: string | null;
  max_invalid_share: number;
  columns: {
    mapped: Record<string, string>;
    unknown: string[];
    duplicate_headers: string[];
    missing: string[];
  };
  /** Rejections per rule and column. */
  rules: { rule: RuleCode; column: string | null; count: number; message: string }[];
  /** Up to 50 rejected cells, in row order. */
  samples: RowFinding[];
  /**
   * Unit-scoped datasets (SKM, FKP): this file's units now current, the region's other units kept, and
   * this file's units whose newer data stays; null for region-wide replacement or when nothing was written.
   */
  units: { replaced: string[]; kept: string[]; superseded: string[] } | null;
  /** Units named but not coded in the file: the code used, and whether the region's registry gave it. */
  unit_codes: { name: string; unit_id: string; source: 'registry' | 'derived' }[];
  /** Workbooks: the sheet read. */
  sheet: string | null;
  /** Summary, signature and empty rows under the data of a recap workbook, skipped (not invalid). */
  skipped_rows: { count: number; rows: number[] };
  /** Things the officer should know that did not stop the file (Bahasa Indonesia). */
  notes: string[];
  curated_key: string | null;
  /** The rejected-row file (`;`-separated CSV with BOM for Excel), when rows were rejected. */
  quarantine_key: string | null;
  report_key: string;
}

/** Maximum sample findings in a report. */
export const MAX_SAMPLES = 50;

/** The message of a failed check, naming the column as the reader knows it. */
export function checkMessage(check: Pick<Check, 'rule' | 'detail'>, columnLabel: string | null): string {
  const base = `${RULES[check.rule]}${check.detail ? ` ${check.detail}` : ''}`;
  return columnLabel ? `Kolom ${columnLabel}: ${base}` : base;
}

const fmt = new Intl.NumberFormat('id-ID');

/** What "none this period" means per dataset, for the nihil summary. */
const NIHIL: Record<string, string> = {
  skm: 'tidak ada survei kepuasan masyarakat',
  fkp: 'tidak ada forum konsultasi publik',
  complaints: 'tidak ada pengaduan',
  units: 'tidak ada unit layanan',
};

const list = (xs: string[], max = 10) =>
  xs.length <= max
    ? xs.join(', ')
    : `${xs.slice(0, max).join(', ')} dan ${fmt.format(xs.length - max)} lainnya`;

/** What replaced what, in a sentence. */
function replacement(r: Pick<SubmissionReport, 'units' | 'nihil' | 'dataset'>): string {
  if (!r.units)
    return r.dataset === 'complaints' ? ' Data wilayah untuk periode ini diganti seluruhnya.' : '';
  const { replaced, kept, superseded } = r.units;
  const parts: string[] = [];
  if (replaced.length > 0) parts.push(`Data unit ${list(replaced)} diganti dengan berkas ini.`);
  if (kept.length > 0) parts.push(`Data unit lain tetap: ${list(kept)}.`);
  if (superseded.length > 0)
    parts.push(`Unit ${list(superseded)} sudah punya unggahan yang lebih baru; data itu yang tetap dipakai.`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/** Summary sentence of a report. */
export function summarise(
  r: Pick<
    SubmissionReport,
    'status' | 'rows_read' | 'rows_accepted' | 'rows_rejected' | 'errors' | 'superseded_on_arrival_by'
  > &
    Partial<Pick<SubmissionReport, 'units' | 'nihil' | 'dataset' | 'skipped_rows'>>,
): string {
  if (r.status === 'duplicate')
    return 'Berkas ini identik dengan berkas yang sudah pernah diproses; tidak ada perubahan.';
  if (r.status === 'rejected') {
    return `DITOLAK: ${r.errors.join(' ')} Data yang sudah diterima sebelumnya tetap dipakai.`;
  }
  const what = { units: r.units ?? null, nihil: r.nihil ?? false, dataset: r.dataset ?? null };
  if (what.nihil) {
    const kind = NIHIL[String(r.dataset)] ?? 'tidak ada data';
    return `DITERIMA: laporan nihil — ${kind} pada periode ini (berkas berisi judul kolom tanpa baris data).${replacement(what)}`;
  }
  const rejected =
    r.rows_rejected > 0
      ? ` ${fmt.format(r.rows_rejected)} baris ditolak (lihat contoh dan berkas baris ditolak).`
      : '';
  const skipped = r.skipped_rows?.count
    ? ` ${fmt.format(r.skipped_rows.count)} baris ringkasan/tanda tangan di bawah data dilewati (bukan kuesioner, tidak dihitung sebagai baris tidak valid).`
    : '';
  const superseded = r.superseded_on_arrival_by
    ? ` Namun sudah ada unggahan yang lebih baru (${r.superseded_on_arrival_by}); data itu yang tetap dipakai.`
    : replacement(what);
  return `DITERIMA: ${fmt.format(r.rows_accepted)} dari ${fmt.format(r.rows_read)} baris valid.${rejected}${skipped}${superseded}`;
}
