import { lake, type SubmissionIndexEntry } from '#core/contract/lake.ts';
import type { LedgerEntry } from '#core/ledger.ts';
import { PreconditionFailedError } from '#core/store.ts';
import type { IngestContext } from './ingest.ts';
import type { Target } from './key.ts';
import { type SubmissionReport, summarise } from './report.ts';

/** Version of the dataset contract recorded in the ledger. */
export const SCHEMA_VERSION = '1';

const REGION = /^\d{2}(\.\d{2})?$/;

/**
 * The region folder an upload was put in (`uploads/{region}/…`, the prefix the uploader's identity may
 * write), when it is a well-formed region code: the report of an unresolvable key goes there, so that
 * region's officers can read it.
 */
function uploaderRegion(uploadKey: string): string | undefined {
  const [root, region] = uploadKey.split('/');
  return root === 'uploads' && region && REGION.test(region) ? region : undefined;
}

/** Write the report, its entry in the submission index and, last, the ledger entry. */
export async function finish(
  ctx: IngestContext,
  r: SubmissionReport,
  errors: string[],
  target: Target | undefined,
): Promise<SubmissionReport> {
  const status = errors.length > 0 ? 'rejected' : 'accepted';
  const report: SubmissionReport = { ...r, status, errors, summary: '' };
  if (status === 'rejected')
    Object.assign(report, {
      rows_accepted: 0,
      rows_rejected: report.rows_read,
      curated_key: null,
      nihil: false,
      units: null,
    });
  report.summary = summarise(report);
  const ledgerKey = target
    ? lake.ledgerKey(target.dataset, target.period, target.region, report.submission_id)
    : lake.invalidLedgerKey(report.submission_id);
  if (!target) report.report_key = lake.invalidReportKey(report.submission_id, uploaderRegion(report.file));
  await ctx.lake.write(report.report_key, JSON.stringify(report, null, 2), {
    contentType: 'application/json',
  });
  const index: SubmissionIndexEntry = { submission_id: report.submission_id, report_key: report.report_key };
  await ctx.lake.write(lake.submissionIndexKey(report.submission_id), JSON.stringify(index), {
    contentType: 'application/json',
  });
  const entry: LedgerEntry = {
    submission_id: report.submission_id,
    dataset: report.dataset as LedgerEntry['dataset'],
    region_code: report.region_code ?? '',
    period: report.period ?? '',
    source_key: report.file,
    sha256: report.sha256,
    size_bytes: report.size_bytes,
    uploaded_at: report.uploaded_at,
    processed_at: new Date().toISOString(),
    status,
    superseded_on_arrival_by: report.superseded_on_arrival_by,
    rows_read: report.rows_read,
    rows_accepted: report.rows_accepted,
    rows_rejected: report.rows_rejected,
    nihil: report.nihil,
    errors,
    schema_version: SCHEMA_VERSION,
    report_key: report.report_key,
  };
  try {
    await ctx.lake.write(ledgerKey, JSON.stringify(entry), {
      contentType: 'application/json',
      ifNoneMatch: '*',
    });
  } catch (e) {
    // the same bytes were processed at the same time elsewhere and recorded first: this one is the duplicate
    if (e instanceof PreconditionFailedError)
      return { ...report, status: 'duplicate', summary: summarise({ ...report, status: 'duplicate' }) };
    throw e;
  }
  return report;
}

export function baseReport(
  file: string,
  id: string,
  facts: { sha256: string; size: number },
  uploadedAt: Date,
  maxShare: number,
): SubmissionReport {
  return {
    file,
    submission_id: id,
    dataset: null,
    region_code: null,
    period: null,
    status: 'rejected',
    rows_read: 0,
    rows_accepted: 0,
    rows_rejected: 0,
    nihil: false,
    errors: [],
    summary: '',
    sha256: facts.sha256,
    size_bytes: facts.size,
    uploaded_at: uploadedAt.toISOString(),
    format: null,
    superseded_on_arrival_by: null,
    max_invalid_share: maxShare,
    columns: { mapped: {}, unknown: [], duplicate_headers: [], missing: [] },
    rules: [],
    samples: [],
    units: null,
    unit_codes: [],
    sheet: null,
    skipped_rows: { count: 0, rows: [] },
    notes: [],
    curated_key: null,
    quarantine_key: null,
    report_key: '',
  };
}

/** Reject a target whose region is not the uploader's own. */
