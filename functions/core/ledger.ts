import type { DatasetId } from './datasets/index.ts';

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
  /** File-level reasons (Bahasa Indonesia), empty when accepted. */
  errors: string[];
  schema_version: string;
  report_key: string;
}
