import type { DatasetId } from './datasets/index.ts';
import type { Period } from './period.ts';

/**
 * The lake layout (DESIGN.md "Flow"): one place for every key the pipeline writes.
 * Region codes are canonical (dotted) and period ids validated before they reach a key.
 */
export const lake = {
  uploadKey: (region: string, dataset: DatasetId, period: Period, file: string) =>
    `uploads/${region}/${dataset}/${period.id}/${file}`,
  curatedPrefix: (dataset: DatasetId) => `curated/${dataset}/`,
  curatedKey: (dataset: DatasetId, period: Period, region: string) =>
    `curated/${dataset}/year=${period.year}/quarter=${period.quarter}/${region}.parquet`,
  quarantineKey: (dataset: DatasetId, period: Period, region: string, submission: string) =>
    `quarantine/${dataset}/${period.id}/${region}/${submission}.csv`,
  /** Every name the quarantine file of a submission may have, up to its extension. */
  quarantineStem: (dataset: DatasetId, period: Period, region: string, submission: string) =>
    `quarantine/${dataset}/${period.id}/${region}/${submission}.`,
  reportPrefix: (region: string) => `reports/${region}/`,
  reportKey: (region: string, dataset: DatasetId, period: Period, submission: string) =>
    `reports/${region}/${dataset}/${period.id}/${submission}.json`,
  ledgerPrefix: 'ledger/',
  ledgerKey: (dataset: DatasetId, period: Period, region: string, submission: string) =>
    `ledger/${dataset}/${period.id}/${region}/${submission}.json`,
  ledgerPeriodPrefix: (dataset: DatasetId, period: Period) => `ledger/${dataset}/${period.id}/`,
  ledgerSubmissionPrefix: (dataset: DatasetId, period: Period, region: string) =>
    `ledger/${dataset}/${period.id}/${region}/`,
  warehousePrefix: (model: string) => `warehouse/${model}/`,
  warehouseKey: (model: string, period: Period) =>
    `warehouse/${model}/year=${period.year}/quarter=${period.quarter}/data.parquet`,
  publishedRankingPrefix: (period: Period, runId: string) => `published/rankings/${period.id}/${runId}/`,
  /** Names the newest snapshot of a period: `{ run_id }`. */
  publishedRankingLatestKey: (period: Period) => `published/rankings/${period.id}/latest.json`,
  dashboardPrefix: 'published/dashboard/',
  /** The published national dashboard page. */
  dashboardKey: 'published/dashboard/index.html',
  /** Local accounts of the web application (`pantau users`): one object per user, named by e-mail digest. */
  usersPrefix: 'users/',
  userKey: (emailDigest: string) => `users/${emailDigest}.json`,
} as const;
