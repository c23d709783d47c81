import type { Period } from '../period.ts';
import { periodOf } from '../period.ts';

/**
 * The lake layout: every object key the pipeline writes or reads is built — and parsed — here, and
 * nowhere else. Region codes are canonical (dotted) and period ids validated before they reach a key.
 *
 * ```
 * uploads/{region}/{dataset}/{period}/{file}                         what a region uploads
 * curated/{dataset}/year=YYYY/quarter=Q/{region}.parquet             accepted rows, typed
 * quarantine/{dataset}/{period}/{region}/{submission}.csv            rejected rows, as uploaded
 * reports/{region}/{dataset}/{period}/{submission}.json              the upload report
 * reports/{region}/invalid/{submission}.json                         … of an upload with an invalid key
 * ledger/{dataset}/{period}/{region}/{submission}.json               one entry per processed file
 * index/submissions/{submission}.json                               where that submission's report is filed
 * warehouse/{model}/year=YYYY/quarter=Q/data.parquet                 mart partitions
 * published/rankings/{period}/{run_id}/ and latest.json              ranking snapshots
 * published/dashboard/                                               the static dashboard
 * config/pii-salt                                                    the salt of personal-data hashes
 * users/{email digest}.json                                          local web accounts (`pantau users`)
 * ```
 */

/** Top-level folders of the lake. */
export const LAKE_ROOT = {
  uploads: 'uploads/',
  curated: 'curated/',
  quarantine: 'quarantine/',
  reports: 'reports/',
  ledger: 'ledger/',
  index: 'index/',
  warehouse: 'warehouse/',
  published: 'published/',
  config: 'config/',
  users: 'users/',
} as const;

/**
 * Segment standing in for dataset/period when an upload key could not be resolved. No `_` prefix: Athena
 * (and most S3 tools) skip `_` folders, so such entries would vanish from `submissions`.
 */
const INVALID = 'invalid';

const partitionOf = (year: string | number, quarter: string | number) => `year=${year}/quarter=${quarter}`;

/** `year=YYYY/quarter=Q`: the one Hive partition path of curated and warehouse tables. */
export const partitionPath = (period: Period) => partitionOf(period.year, period.quarter);

/** The partition path with Glue partition-projection placeholders, for `storage.location.template`. */
export const PARTITION_TEMPLATE = `${partitionOf('$' + '{year}', '$' + '{quarter}')}/`;

const PARTITION = /(?:^|\/)year=(\d{4})\/quarter=([1-4])\//;

/** The period of a key inside a `year=…/quarter=…/` partition, or undefined. */
export function parsePartition(key: string): Period | undefined {
  const m = PARTITION.exec(key);
  return m ? periodOf(Number(m[1]), Number(m[2])) : undefined;
}

/** Builders of every lake key and prefix. */
export const lake = {
  uploadsPrefix: LAKE_ROOT.uploads,
  uploadKey: (region: string, dataset: string, period: Period, file: string) =>
    `${LAKE_ROOT.uploads}${region}/${dataset}/${period.id}/${file}`,
  curatedRoot: LAKE_ROOT.curated,
  curatedPrefix: (dataset: string) => `${LAKE_ROOT.curated}${dataset}/`,
  curatedPartitionPrefix: (dataset: string, period: Period) =>
    `${LAKE_ROOT.curated}${dataset}/${partitionPath(period)}/`,
  curatedKey: (dataset: string, period: Period, region: string) =>
    `${lake.curatedPartitionPrefix(dataset, period)}${region}.parquet`,
  quarantinePrefix: LAKE_ROOT.quarantine,
  quarantineKey: (dataset: string, period: Period, region: string, submission: string) =>
    `${LAKE_ROOT.quarantine}${dataset}/${period.id}/${region}/${submission}.csv`,
  /** Every name the quarantine file of a submission may have, up to its extension. */
  quarantineStem: (dataset: string, period: Period, region: string, submission: string) =>
    `${LAKE_ROOT.quarantine}${dataset}/${period.id}/${region}/${submission}.`,
  reportsPrefix: LAKE_ROOT.reports,
  reportPrefix: (region: string) => `${LAKE_ROOT.reports}${region}/`,
  reportKey: (region: string, dataset: string, period: Period, submission: string) =>
    `${LAKE_ROOT.reports}${region}/${dataset}/${period.id}/${submission}.json`,
  /**
   * Report of an upload whose key named no valid dataset/period: under the region folder it was uploaded
   * to (a validated code; that region's officers may read it), else under `reports/invalid/`.
   */
  invalidReportKey: (submission: string, region?: string) =>
    `${LAKE_ROOT.reports}${region ? `${region}/` : ''}${INVALID}/${submission}.json`,
  ledgerPrefix: LAKE_ROOT.ledger,
  ledgerKey: (dataset: string, period: Period, region: string, submission: string) =>
    `${LAKE_ROOT.ledger}${dataset}/${period.id}/${region}/${submission}.json`,
  ledgerPeriodPrefix: (dataset: string, period: Period) => `${LAKE_ROOT.ledger}${dataset}/${period.id}/`,
  ledgerSubmissionPrefix: (dataset: string, period: Period, region: string) =>
    `${LAKE_ROOT.ledger}${dataset}/${period.id}/${region}/`,
  /** Ledger entry of an upload whose key named no valid region/dataset/period. */
  invalidLedgerKey: (submission: string) => `${LAKE_ROOT.ledger}${INVALID}/${submission}.json`,
  /**
   * Where a submission's report is filed ({@link SubmissionIndexEntry}), written by ingest with the report:
   * a report is found by its id with one read, whatever the region. Reports filed before the index existed
   * have no entry.
   */
  submissionIndexKey: (submission: string) => `${LAKE_ROOT.index}submissions/${submission}.json`,
  warehouseRoot: LAKE_ROOT.warehouse,
  warehousePrefix: (model: string) => `${LAKE_ROOT.warehouse}${model}/`,
  warehousePartitionPrefix: (model: string, period: Period) =>
    `${LAKE_ROOT.warehouse}${model}/${partitionPath(period)}/`,
  warehouseKey: (model: string, period: Period) =>
    `${lake.warehousePartitionPrefix(model, period)}data.parquet`,
  publishedPrefix: LAKE_ROOT.published,
  /** The folder of one ranking snapshot (no trailing `/`), e.g. to show where it was written. */
  publishedRankingDir: (period: Period | string, runId: string) =>
    `${LAKE_ROOT.published}rankings/${typeof period === 'string' ? period : period.id}/${runId}`,
  publishedRankingPrefix: (period: Period | string, runId: string) =>
    `${lake.publishedRankingDir(period, runId)}/`,
  /** Names the newest snapshot of a period: `{ run_id }`. */
  publishedRankingLatestKey: (period: Period) => `${LAKE_ROOT.published}rankings/${period.id}/latest.json`,
  dashboardPrefix: `${LAKE_ROOT.published}dashboard/`,
  /** The published national dashboard page. */
  dashboardKey: `${LAKE_ROOT.published}dashboard/index.html`,
  /** Local accounts of the web application: one object per user, named by e-mail digest. */
  usersPrefix: LAKE_ROOT.users,
  userKey: (emailDigest: string) => `${LAKE_ROOT.users}${emailDigest}.json`,
  /** The salt for personal-data hashes. */
  piiSaltKey: `${LAKE_ROOT.config}pii-salt`,
} as const;

/** The period of a mart partition file (`warehouse/{model}/year=…/quarter=…/data.parquet`), or undefined. */
export function parseWarehouseKey(key: string): { model: string; period: Period } | undefined {
  const m = /^warehouse\/([^/]+)\/year=(\d{4})\/quarter=([1-4])\/data\.parquet$/.exec(key);
  return m ? { model: m[1]!, period: periodOf(Number(m[2]), Number(m[3])) } : undefined;
}

/** The object at `lake.submissionIndexKey(id)`: the key of that submission's report. */
export interface SubmissionIndexEntry {
  submission_id: string;
  report_key: string;
}

const REPORT_KEY = new RegExp(
  `^${LAKE_ROOT.reports}(?:(\\d{2}(?:\\.\\d{2})?)/)?(?:[a-z]+/\\d{4}-Q[1-4]|${INVALID})/([0-9a-f]{20})\\.json$`,
);

/**
 * The folder a report is filed in and its submission, from a key `lake.reportKey` or `lake.invalidReportKey`
 * built: `region` is null for `reports/invalid/…` (no region). Undefined for anything else.
 */
export function parseReportKey(key: string): { region: string | null; submission: string } | undefined {
  const m = REPORT_KEY.exec(key);
  if (!m || (m[1] === undefined && !key.startsWith(`${LAKE_ROOT.reports}${INVALID}/`))) return undefined;
  return { region: m[1] ?? null, submission: m[2]! };
}

/** The segments of an upload key, unvalidated: `{region}/{dataset}/{period}/{file}` after `uploads/`. */
export function parseUploadKey(
  key: string,
): { region: string; dataset: string; period: string; file: string } | undefined {
  const segments = key.split('/');
  if (segments[0] !== 'uploads' || segments.length !== 5) return undefined;
  const [, region, dataset, period, file] = segments as [string, string, string, string, string];
  return { region, dataset, period, file };
}

/** The upload key's shape as an officer reads it in messages (Bahasa Indonesia placeholders). */
export const UPLOAD_KEY_HINT = `${LAKE_ROOT.uploads}{kode_wilayah}/{dataset}/{periode}/{nama_berkas}`;

/** Whether a key lies under `uploads/` (what the ingest listens to). */
export const isUploadKey = (key: string) => key.startsWith(LAKE_ROOT.uploads);

/**
 * Glob patterns over a local lake folder (relative, `/`-separated) for the embedded engine: every
 * partition file of a curated table or a mart, and every ledger entry: those of a resolved upload key
 * (`ledgerKey`) and those of an unresolvable one (`invalidLedgerKey`). Each pattern names its depth: a
 * recursive `**` over the ledger's folders took ~100 ms more to list the national lake's 4,458 entries.
 */
export const lakeGlob = {
  curated: (dataset: string) => `${LAKE_ROOT.curated}${dataset}/*/*/*.parquet`,
  warehouse: (model: string) => `${LAKE_ROOT.warehouse}${model}/*/*/*.parquet`,
  ledger: [`${LAKE_ROOT.ledger}*/*/*/*.json`, `${LAKE_ROOT.ledger}${INVALID}/*.json`],
} as const;
