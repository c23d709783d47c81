import { basename } from 'node:path';
import { lake, parseReportKey, type SubmissionIndexEntry } from '#core/contract/lake.ts';
import { isDatasetId } from '#core/datasets/index.ts';
import { parsePeriod } from '#core/period.ts';
import { canonicalRegionCode } from '#core/regions.ts';
import type { ObjectStore } from '#core/store.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { authorise, HttpError, type Identity } from './identity.ts';
import { mapLimit, readJson } from './objects.ts';

/** A submission id as ingest makes them (20 hex digits): anything else is not looked up at all. */
const SUBMISSION_ID = /^[0-9a-f]{20}$/;

/** What the pages list per submission. */
export type ReportSummary = Pick<
  SubmissionReport,
  | 'submission_id'
  | 'dataset'
  | 'region_code'
  | 'period'
  | 'status'
  | 'rows_read'
  | 'rows_accepted'
  | 'rows_rejected'
  | 'uploaded_at'
  | 'summary'
  | 'file'
> & { has_rejected_rows: boolean };

/** A report as the API returns it: the uploaded file by its name only (no server path or key). */
export function publicReport<T extends Pick<SubmissionReport, 'file'>>(r: T): T {
  return { ...r, file: basename(String(r.file ?? '').replaceAll('\\', '/')) };
}

const summaryOf = (r: SubmissionReport): ReportSummary => ({
  ...publicReport({
    submission_id: r.submission_id,
    dataset: r.dataset,
    region_code: r.region_code,
    period: r.period,
    status: r.status,
    rows_read: r.rows_read,
    rows_accepted: r.rows_accepted,
    rows_rejected: r.rows_rejected,
    uploaded_at: r.uploaded_at,
    summary: r.summary,
    file: r.file,
  }),
  has_rejected_rows: Boolean(r.quarantine_key),
});

/** The reports of one region (optionally one period), newest upload first. */
export async function listReports(
  store: ObjectStore,
  region: string,
  period?: string,
): Promise<ReportSummary[]> {
  const keys: string[] = [];
  for await (const o of store.list(lake.reportPrefix(region))) {
    const [, , , p] = o.key.split('/');
    if (o.key.endsWith('.json') && (period === undefined || p === period)) keys.push(o.key);
  }
  const reports = await mapLimit(keys, 16, (k) => readJson<SubmissionReport>(store, k));
  return reports.map(summaryOf).sort((a, b) => b.uploaded_at.localeCompare(a.uploaded_at));
}

const notFound = () => new HttpError(404, 'Pengiriman tidak ditemukan.');

/**
 * One submission's report, authorised: 404 when no report has the id, 403 when it belongs to a region the
 * caller may not read (the region is the folder the report is filed in, not anything in the request).
 * Bounded work: one read of the submission index. A report filed before the index existed is looked for in
 * one region's folder only — an officer's own, or for ministry staff the region `regionHint` names (the
 * page the link came from); never in every region's.
 */
export async function findReport(
  store: ObjectStore,
  who: Identity | undefined,
  id: string,
  regionHint?: string,
): Promise<SubmissionReport> {
  const caller = authorise(who, who?.region_code ?? null);
  if (!SUBMISSION_ID.test(id)) throw notFound();
  const key =
    (await indexedReportKey(store, id)) ?? (await unindexedReportKey(store, caller, id, regionHint));
  const filed = key ? parseReportKey(key) : undefined;
  if (!key || !filed) throw notFound();
  authorise(caller, filed.region);
  return readJson<SubmissionReport>(store, key);
}

/** The report key the index names for `id`, if it is a report key of that very submission. */
async function indexedReportKey(store: ObjectStore, id: string): Promise<string | undefined> {
  const indexKey = lake.submissionIndexKey(id);
  if (!(await store.head(indexKey))) return undefined;
  const { report_key } = await readJson<SubmissionIndexEntry>(store, indexKey);
  return parseReportKey(report_key)?.submission === id ? report_key : undefined;
}

/** A report filed before the submission index: searched in one region's folder. */
async function unindexedReportKey(
  store: ObjectStore,
  caller: Identity,
  id: string,
  regionHint: string | undefined,
): Promise<string | undefined> {
  const region =
    caller.role === 'officer' ? caller.region_code : regionHint ? canonicalRegionCode(regionHint) : undefined;
  if (!region) return undefined;
  for await (const o of store.list(lake.reportPrefix(region)))
    if (o.key.endsWith(`/${id}.json`)) return o.key;
  return undefined;
}

/** The quarantine object of a report, only where ingest files it for that very submission. */
export function rejectedRowsKey(r: SubmissionReport): string {
  const period = r.period ? parsePeriod(r.period) : undefined;
  const key = r.quarantine_key;
  if (!key || !period || !r.region_code || !r.dataset || !isDatasetId(r.dataset))
    throw new HttpError(404, 'Pengiriman ini tidak memiliki baris yang ditolak.');
  const stem = lake.quarantineStem(r.dataset, period, r.region_code, r.submission_id);
  if (!key.startsWith(stem) || key.slice(stem.length).includes('/'))
    throw new HttpError(404, 'Pengiriman ini tidak memiliki baris yang ditolak.');
  return key;
}
