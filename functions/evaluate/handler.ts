import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AthenaClient } from '@aws-sdk/client-athena';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { AthenaEngine } from '#aws/athena-engine.ts';
import { AthenaQueries } from '#aws/athena-query.ts';
import { requireEnv } from '#aws/config.ts';
import { S3Store } from '#aws/s3-store.ts';
import { logger, METRIC, metrics } from '#aws/telemetry.ts';
import { invalidPeriodMessage } from '#core/contract/names.ts';
import { loadMethodology } from '#core/methodology.ts';
import { type Period, parsePeriod, periodOf, previousPeriod } from '#core/period.ts';
import { publishDashboard } from '#dashboard/publish.ts';
import { evaluate } from './evaluate.ts';

const env = requireEnv('LAKE_BUCKET', 'DATABASE', 'WORKGROUP');
const athena = new AthenaClient({});
const s3 = new S3Client({});
const lake = new S3Store(s3, env.LAKE_BUCKET);
/** The site bucket CloudFront serves, where the dashboard is published too (optional). */
const site =
  process.env.SITE_BUCKET && process.env.SITE_DASHBOARD_KEY
    ? { store: new S3Store(s3, process.env.SITE_BUCKET), key: process.env.SITE_DASHBOARD_KEY }
    : undefined;
const offsetHours = loadMethodology().methodology.submission.timezone_offset_hours;

/** The schedule's input: nothing (the period just closed), or a period to rebuild by hand. */
export interface JobEvent {
  period?: string;
}

/** The quarter before the one `now` falls in, on the methodology's local clock (WIB). */
export function periodJustClosed(now: Date): Period {
  const local = new Date(now.getTime() + offsetHours * 3_600_000);
  return previousPeriod(periodOf(local.getUTCFullYear(), Math.floor(local.getUTCMonth() / 3) + 1));
}

/**
 * The scheduled job: the quarterly evaluation on Athena for the period just closed (or `event.period`):
 * the same core as `pantau evaluate` — rebuild the period's marts, then publish the ranking snapshot.
 */
export async function handler(event: JobEvent, context: Context) {
  logger.addContext(context);
  const period = event.period ? parsePeriod(event.period) : periodJustClosed(new Date());
  if (!period) throw new RangeError(invalidPeriodMessage(String(event.period)));
  const queries = new AthenaQueries(athena, {
    workGroup: env.WORKGROUP,
    database: env.DATABASE,
    timeoutMs: Math.max(context.getRemainingTimeInMillis() - 30_000, 60_000),
  });
  const engine = new AthenaEngine(queries, lake, env.DATABASE);
  try {
    const result = await evaluate({ lake, engine, period: period.id });
    logger.info('evaluation published', { ...result.manifest, created: result.created });
    metrics.addMetric(METRIC.partitionsWritten, MetricUnit.Count, result.partitions);
    logger.info('dashboard published', await publishDashboard(lake, site));
    return result.manifest;
  } finally {
    await engine.close();
    metrics.publishStoredMetrics();
  }
}
