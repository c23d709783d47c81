import { REPORTED_DATASETS, type SubmissionStatusCode } from '#core/contract/names.ts';
import { lake } from '#core/lake.ts';
import type { LedgerEntry } from '#core/ledger.ts';
import type { Methodology } from '#core/methodology.ts';
import type { Period } from '#core/period.ts';
import { REGIONS, region as regionOf } from '#core/regions.ts';
import type { ObjectStore } from '#core/store.ts';
import { submissionDeadline } from './deadline.ts';
import { mapLimit, readJson } from './objects.ts';

/** Submission status of one dataset (the `submission_status` mart's values). */
export type DatasetStatus = SubmissionStatusCode;

export interface DatasetState {
  dataset: string;
  status: DatasetStatus;
  /** First accepted upload, else the last rejected one (ISO, UTC). */
  submitted_at: string | null;
  submissions: number;
  rejected_submissions: number;
}

export interface RegionStatus {
  region_code: string;
  region_name: string;
  datasets: DatasetState[];
}

/** Status of one dataset from its ledger entries, by the mart's rules (accepted by the deadline: on time). */
export function datasetState(dataset: string, entries: LedgerEntry[], deadline: Date): DatasetState {
  const counted = entries.filter((e) => e.status === 'accepted' || e.status === 'rejected');
  const accepted = counted
    .filter((e) => e.status === 'accepted')
    .map((e) => e.uploaded_at)
    .sort();
  const rejected = counted
    .filter((e) => e.status === 'rejected')
    .map((e) => e.uploaded_at)
    .sort();
  const onTime = accepted.some((t) => new Date(t) <= deadline);
  const status: DatasetStatus = onTime
    ? 'on_time'
    : accepted.length > 0
      ? 'late'
      : rejected.length > 0
        ? 'rejected'
        : 'missing';
  return {
    dataset,
    status,
    submitted_at: accepted[0] ?? rejected.at(-1) ?? null,
    submissions: counted.length,
    rejected_submissions: rejected.length,
  };
}

/** Ledger entries of a period under `prefix` (one region, or all when the prefix stops at the period). */
async function entriesUnder(store: ObjectStore, prefix: string): Promise<LedgerEntry[]> {
  const keys: string[] = [];
  for await (const o of store.list(prefix)) if (o.key.endsWith('.json')) keys.push(o.key);
  return mapLimit(keys, 16, (k) => readJson<LedgerEntry>(store, k));
}

/**
 * Live submission status of a period from the ledger (so an officer sees an upload count at once, before
 * the next evaluation): one region, or every region of the roster for `'all'`.
 */
export async function periodStatus(
  store: ObjectStore,
  period: Period,
  scope: string | 'all',
  rules: Methodology['submission'],
): Promise<{ period: string; deadline: string; regions: RegionStatus[] }> {
  const deadline = submissionDeadline(period, rules);
  const codes = scope === 'all' ? REGIONS.map((r) => r.code) : [scope];
  const byKey = new Map<string, LedgerEntry[]>();
  for (const dataset of REPORTED_DATASETS) {
    const prefix =
      scope === 'all'
        ? lake.ledgerPeriodPrefix(dataset, period)
        : lake.ledgerSubmissionPrefix(dataset, period, scope);
    for (const e of await entriesUnder(store, prefix)) {
      const key = `${e.region_code}|${dataset}`;
      byKey.set(key, [...(byKey.get(key) ?? []), e]);
    }
  }
  const regions = codes.map((code) => ({
    region_code: code,
    region_name: regionOf(code)?.name ?? code,
    datasets: REPORTED_DATASETS.map((d) => datasetState(d, byKey.get(`${code}|${d}`) ?? [], deadline)),
  }));
  return { period: period.id, deadline: deadline.toISOString(), regions };
}
