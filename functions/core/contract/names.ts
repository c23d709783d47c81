/**
 * Names shared by every layer: datasets and their tables, the reporting roster, submission status codes
 * with their labels, and messages that more than one unit shows.
 */

/** Every dataset id (as in upload keys) and its curated table (DuckDB view and Athena table). */
export const DATASET_TABLE = {
  skm: 'skm_responses',
  fkp: 'fkp_forums',
  complaints: 'complaints',
  units: 'units',
} as const;

/** A dataset id. */
export type DatasetId = keyof typeof DATASET_TABLE;

/** The curated tables' names, in the datasets' order. */
export const CURATED_TABLES: readonly string[] = Object.values(DATASET_TABLE);

/** The ledger read as a table: one row per processed submission. */
export const SUBMISSIONS_TABLE = 'submissions';

/** The reporting roster: datasets every region must submit each period (`units` is a registry). */
export const REPORTED_DATASETS = ['skm', 'fkp', 'complaints'] as const satisfies readonly DatasetId[];
export type ReportedDataset = (typeof REPORTED_DATASETS)[number];

/** Reporting status of a region × dataset × period (`submission_status.status`), best first. */
export const SUBMISSION_STATUSES = ['on_time', 'late', 'missing', 'rejected'] as const;
export type SubmissionStatusCode = (typeof SUBMISSION_STATUSES)[number];

/** Label (Bahasa Indonesia) of each reporting status, for pages and summaries. */
export const STATUS_LABEL: Record<SubmissionStatusCode, string> = {
  on_time: 'Tepat waktu',
  late: 'Terlambat',
  missing: 'Tidak mengirim',
  rejected: 'Ditolak',
};

/** The message for a period argument that is not a quarter id. */
export const invalidPeriodMessage = (input: string) =>
  `periode tidak valid: "${input}" (format YYYY-Qn, mis. 2026-Q3)`;
