import type { DatasetId } from './contract/names.ts';
import type { DuckType } from './contract/types.ts';

/** Outcome of one submission (one uploaded file). */
export type SubmissionStatus = 'accepted' | 'rejected' | 'duplicate';

/**
 * One ledger entry: written once per processed submission at `ledger/{dataset}/{period}/{region}/{id}.json`,
 * never rewritten. Which accepted submission is current, and what superseded what, derive from the entries
 * (`submissions` view), not from edits.
 */
export interface LedgerEntry {
  submission_id: string;
  dataset: DatasetId;
  region_code: string;
  period: string;
  /** Where the file came from (object key or local path). */
  source_key: string;
  sha256: string;
  size_bytes: number;
  /** Upload time (ISO, UTC): S3 LastModified or the file's modification time. */
  uploaded_at: string;
  processed_at: string;
  status: SubmissionStatus;
  /** An accepted submission that did not become current because a newer upload was already in place. */
  superseded_on_arrival_by: string | null;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  /**
   * An accepted report with the header and no data rows: "none this period" (no complaints, no forum, no
   * survey). Entries written before the field existed read as NULL.
   */
  nihil: boolean;
  /** File-level reasons (Bahasa Indonesia), empty when accepted. */
  errors: string[];
  schema_version: string;
  report_key: string;
}

const col = (type: DuckType, id: string, en: string) => ({ type, doc: { id, en } });

/** The `submissions` table's columns, one per ledger-entry field: the DuckDB view and the Glue table use it. */
export const LEDGER_COLUMNS = {
  submission_id: col('VARCHAR', 'ID pengiriman', 'Submission id'),
  dataset: col('VARCHAR', 'Dataset', 'Dataset id'),
  region_code: col('VARCHAR', 'Kode wilayah', 'Region code'),
  period: col('VARCHAR', 'Periode', 'Period'),
  source_key: col('VARCHAR', 'Kunci objek unggahan', 'Upload object key'),
  sha256: col('VARCHAR', 'SHA-256 berkas', 'File SHA-256'),
  size_bytes: col('BIGINT', 'Ukuran berkas (byte)', 'File size in bytes'),
  uploaded_at: col('TIMESTAMP', 'Waktu unggah (UTC)', 'Upload time (UTC)'),
  processed_at: col('TIMESTAMP', 'Waktu diproses (UTC)', 'Processing time (UTC)'),
  status: col(
    'VARCHAR',
    'Status: accepted / rejected / duplicate',
    'Status: accepted / rejected / duplicate',
  ),
  superseded_on_arrival_by: col(
    'VARCHAR',
    'Digantikan oleh pengiriman lebih baru',
    'Superseded on arrival by',
  ),
  rows_read: col('BIGINT', 'Baris dibaca', 'Rows read'),
  rows_accepted: col('BIGINT', 'Baris diterima', 'Rows accepted'),
  rows_rejected: col('BIGINT', 'Baris ditolak', 'Rows rejected'),
  nihil: col(
    'BOOLEAN',
    'Laporan nihil: diterima tanpa baris data (tidak ada data pada periode ini)',
    'Nil report: accepted with the header and no data rows (none this period)',
  ),
  errors: col('VARCHAR[]', 'Alasan penolakan berkas', 'File-level reasons'),
  schema_version: col('VARCHAR', 'Versi skema', 'Schema version'),
  report_key: col('VARCHAR', 'Kunci laporan', 'Report key'),
} satisfies Record<keyof LedgerEntry, { type: DuckType; doc: { id: string; en: string } }>;
