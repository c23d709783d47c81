import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AthenaClient } from '@aws-sdk/client-athena';
import { GlueClient } from '@aws-sdk/client-glue';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { requireEnv } from '#aws/config.ts';
import { type JobDeps, runJob } from '#aws/job-run.ts';
import { S3Store } from '#aws/s3-store.ts';
import { logger, METRIC, metrics } from '#aws/telemetry.ts';
import { invalidPeriodMessage } from '#core/contract/names.ts';
import { loadMethodology } from '#core/methodology.ts';
import { type Period, parsePeriod, periodOf, previousPeriod } from '#core/period.ts';
import { publishDashboard } from '#dashboard/publish.ts';
import { EvaluateError } from './errors.ts';

const env = requireEnv('LAKE_BUCKET', 'DATABASE', 'WORKGROUP', 'METHODOLOGY_VERSION', 'PROJECTED_YEARS');
const [firstYear, lastYear] = env.PROJECTED_YEARS.split('-').map(Number) as [number, number];
if (!/^v\d+$/.test(env.METHODOLOGY_VERSION))
  throw new Error(`METHODOLOGY_VERSION: ${env.METHODOLOGY_VERSION}`);
const methodologyFile = fileURLToPath(
  new URL(`../../methodology/${env.METHODOLOGY_VERSION}.json`, import.meta.url),
);
if (!existsSync(methodologyFile)) throw new Error(`no methodology file ${methodologyFile}`);
// the evaluation core reads the methodology in force from PANTAU_METHODOLOGY
process.env.PANTAU_METHODOLOGY = methodologyFile;
const s3 = new S3Client({});
/** The dashboard bucket CloudFront serves to ministry users, where the dashboard is published too (optional). */
const site =
  process.env.DASHBOARD_BUCKET && process.env.DASHBOARD_KEY
    ? { store: new S3Store(s3, process.env.DASHBOARD_BUCKET), key: process.env.DASHBOARD_KEY }
    : undefined;
const offsetHours = (await loadMethodology()).methodology.submission.timezone_offset_hours;
const lambda = new LambdaClient({});
const deps: JobDeps = {
  athena: new AthenaClient({}),
  glue: new GlueClient({}),
  lake: new S3Store(s3, env.LAKE_BUCKET),
  lakeBucket: env.LAKE_BUCKET,
  database: env.DATABASE,
  workGroup: env.WORKGROUP,
  continueRun: async (payload) => {
    await lambda.send(
      new InvokeCommand({
        FunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
        InvocationType: 'Event',
        Payload: JSON.stringify(payload),
      }),
    );
  },
};

/** The schedule's input: nothing (the period just closed), a period to rebuild by hand, or a continuation. */
export interface JobEvent {
  period?: string;
  /** Set by the job itself when a run continues in a new invocation. */
  runId?: string;
}

/** The quarter before the one `now` falls in, on the methodology's local clock (WIB). */
export function periodJustClosed(now: Date): Period {
  const local = new Date(now.getTime() + offsetHours * 3_600_000);
  return previousPeriod(periodOf(local.getUTCFullYear(), Math.floor(local.getUTCMonth() / 3) + 1));
}

/**
 * The scheduled job: the quarterly evaluation on Athena for the period just closed (or `event.period`),
 * one run at a time, resumable per model (see `functions/aws/job-run.ts`).
 */
export async function handler(event: JobEvent, context: Context) {
  logger.addContext(context);
  const period = event.period ? parsePeriod(event.period) : periodJustClosed(new Date());
  if (!period) throw new EvaluateError(invalidPeriodMessage(String(event.period)));
  if (period.year < firstYear || period.year > lastYear) {
    // Athena would read no curated partition and publish an empty ranking
    throw new EvaluateError(
      `periode ${period.id} di luar tahun yang diproyeksikan katalog (${firstYear}–${lastYear}): perluas "years" di infra/catalog.ts lalu deploy ulang`,
    );
  }
  try {
    const outcome = await runJob(deps, {
      period: period.id,
      methodology: env.METHODOLOGY_VERSION,
      runId: event.runId,
      now: Date.now(),
      remainingMs: context.getRemainingTimeInMillis(),
    });
    if (outcome.status !== 'done') return outcome;
    const { result } = outcome;
    logger.info('evaluation published', { ...result.manifest, created: result.created });
    metrics.addMetric(METRIC.partitionsWritten, MetricUnit.Count, result.partitions);
    // the ranking is published: a dashboard that cannot be built is reported, not a reason to rerun the job
    await publishDashboard(deps.lake, site).then(
      (published) => logger.info('dashboard published', published),
      (error: unknown) => logger.error('dashboard not published', error as Error),
    );
    return { status: outcome.status, runId: outcome.runId, manifest: result.manifest, steps: outcome.steps };
  } finally {
    metrics.publishStoredMetrics();
  }
}
