import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { requireEnv } from '#aws/config.ts';
import { S3Store } from '#aws/s3-store.ts';
import { logger, METRIC, metrics } from '#aws/telemetry.ts';
import { isUploadKey } from '#core/contract/lake.ts';
import type { Duck } from '#core/duckdb.ts';
import { loadMethodology } from '#core/methodology.ts';
import { openIngestEngine } from './engine.ts';
import { ingestSubmission } from './ingest.ts';
import { piiSalt } from './salt.ts';

const env = requireEnv('UPLOADS_BUCKET', 'LAKE_BUCKET');
const s3 = new S3Client({});
const uploads = new S3Store(s3, env.UPLOADS_BUCKET);
const lake = new S3Store(s3, env.LAKE_BUCKET);
const maxInvalidShare = (await loadMethodology()).methodology.submission.max_invalid_share;
const processor = new BatchProcessor(EventType.SQS);
const scratchRoot = join(tmpdir(), 'pantau-ingest');
let engine: Promise<Duck> | undefined;
let salt: Promise<string> | undefined;

/** Notification keys are URL-encoded, spaces as `+`. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/** One SQS message: an S3 notification (or S3's test event), each created object under uploads/ ingested. */
async function ingestRecord(record: SQSRecord): Promise<void> {
  const body = JSON.parse(record.body) as Partial<S3Event> & { Event?: string };
  if (body.Event === 's3:TestEvent') return logger.info('S3 test event ignored');
  engine ??= openIngestEngine(join(scratchRoot, 'duckdb'));
  salt ??= piiSalt(lake);
  for (const r of body.Records ?? []) {
    const key = decodeKey(r.s3.object.key);
    if (!r.eventName.startsWith('ObjectCreated:') || !isUploadKey(key)) continue;
    const scratchDir = await mkdtemp(join(scratchRoot, 'job-'));
    try {
      const ctx = {
        lake,
        duck: await engine,
        scratchDir,
        piiSalt: await salt,
        maxInvalidShare,
        listUploads: true,
      };
      // the first key segment is the region the uploader's IAM identity may write
      const report = await ingestSubmission(ctx, { store: uploads, key, identityRegion: key.split('/')[1] });
      logger.info('submission processed', {
        key,
        submission_id: report.submission_id,
        status: report.status,
        errors: report.errors,
      });
      const outcome = metrics.singleMetric();
      outcome.addDimension('outcome', report.status);
      outcome.addMetric(METRIC.submissions, MetricUnit.Count, 1);
      metrics.addMetric(METRIC.rowsAccepted, MetricUnit.Count, report.rows_accepted);
      metrics.addMetric(METRIC.rowsRejected, MetricUnit.Count, report.rows_rejected);
    } finally {
      await rm(scratchDir, { recursive: true, force: true });
    }
  }
}

/** SQS batch → one ingest per record; a failing record is reported alone and retried, then dead-lettered. */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  await mkdir(scratchRoot, { recursive: true });
  try {
    // one record at a time: the records of a batch share one engine connection and its temp views
    return await processPartialResponse(event, ingestRecord, processor, {
      context,
      processInParallel: false,
    });
  } finally {
    metrics.publishStoredMetrics();
  }
}
