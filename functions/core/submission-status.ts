/**
 * The status of one required submission (region × dataset × period) in `submission_status`: stable codes
 * for queries and code, and the label analysts and officers read (the mart's `status_label` column).
 */
export const SUBMISSION_STATUS_LABEL = {
  on_time: 'tepat waktu',
  late: 'terlambat',
  missing: 'tidak mengirim',
  rejected: 'ditolak',
} as const;

export type SubmissionStatus = keyof typeof SUBMISSION_STATUS_LABEL;

/** The codes, best first. */
export const SUBMISSION_STATUSES = Object.keys(SUBMISSION_STATUS_LABEL) as SubmissionStatus[];
