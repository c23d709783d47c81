import { basename } from 'node:path';
import { isDatasetId } from '#core/datasets/index.ts';
import { lake } from '#core/lake.ts';
import { parsePeriod } from '#core/period.ts';
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

/**
 * One submission's report, authorised: 404 when no report has the id, 403 when it belongs to a region the
 * caller may not read (the region is the one the report was filed under, not anything in the request).
 */
export async function findReport(
  store: ObjectStore,
  who: Identity | undefined,
  id: string,
): Promise<SubmissionReport> {
  authorise(who, who?.region_code ?? null);
  if (!SUBMISSION_ID.test(id)) throw new HttpError(404, 'Pengiriman tidak ditemukan.');
  const own = who?.region_code ? await findUnder(store, lake.reportPrefix(who.region_code), id) : undefined;
  const key = own ?? (await findUnder(store, 'reports/', id));
  if (!key) throw new HttpError(404, 'Pengiriman tidak ditemukan.');
  const [, region] = key.split('/');
  authorise(who, region === '_invalid' ? null : region);
  return readJson<SubmissionReport>(store, key);
}

async function findUnder(store: ObjectStore, prefix: string, id: string): Promise<string | undefined> {
  for await (const o of store.list(prefix)) if (o.key.endsWith(`/${id}.json`)) return o.key;
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
