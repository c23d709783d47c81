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
  curated_key: string | null;
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

/** Summary sentence of a report. */
export function summarise(
  r: Pick<
    SubmissionReport,
    'status' | 'rows_read' | 'rows_accepted' | 'rows_rejected' | 'errors' | 'superseded_on_arrival_by'
  >,
): string {
  if (r.status === 'duplicate')
    return 'Berkas ini identik dengan berkas yang sudah pernah diproses; tidak ada perubahan.';
  if (r.status === 'rejected') {
    return `DITOLAK: ${r.errors.join(' ')} Data yang sudah diterima sebelumnya tetap dipakai.`;
  }
  const rejected =
    r.rows_rejected > 0
      ? ` ${fmt.format(r.rows_rejected)} baris ditolak (lihat contoh dan berkas karantina).`
      : '';
  const superseded = r.superseded_on_arrival_by
    ? ` Namun sudah ada unggahan yang lebih baru (${r.superseded_on_arrival_by}); data itu yang tetap dipakai.`
    : '';
  return `DITERIMA: ${fmt.format(r.rows_accepted)} dari ${fmt.format(r.rows_read)} baris valid.${rejected}${superseded}`;
}
