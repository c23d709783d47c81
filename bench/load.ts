// Deadline day: every region's submissions of one quarter through the AWS handler path (S3 event → SQS
// batch → ingest Lambda) against s3rver, with a bounded number of concurrent "Lambda" processes.
import { type ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQSRecord } from 'aws-lambda';
import { S3Store } from '#aws/s3-store.ts';
import { lake as lakeKeys, parseUploadKey } from '#core/contract/lake.ts';
import { REPORTED_DATASETS } from '#core/contract/names.ts';
import type { LedgerEntry } from '#core/ledger.ts';
import { generate } from '#generate/index.ts';
import { INGEST_PROCESS_ENV } from '#ingest/process-env.ts';
import { handlerEnv, startS3 } from '../test/aws/s3rver.ts';
import { fmt } from './measure.ts';

const isReported = (dataset: string | undefined) =>
  (REPORTED_DATASETS as readonly (string | undefined)[]).includes(dataset);

const SELF = fileURLToPath(import.meta.url);

export interface LoadOptions {
  /** Generator scale: `small` is all 552 regions (1,656 submissions). @default 'small' */
  scale?: 'tiny' | 'small';
  /** Concurrent ingest processes (the Lambda's reserved concurrency). @default 2 */
  workers?: number;
  /** SQS batch size (as deployed). @default 5 */
  batchSize?: number;
  dir?: string;
}

export interface LoadResult {
  submissions: number;
  processed: number;
  failures: string[];
  statuses: Record<string, number>;
  seconds: number;
  peakRssMb: number;
}

/** An SQS record of the S3 notification for one key. */
const record = (key: string): SQSRecord =>
  ({
    messageId: key,
    receiptHandle: key,
    body: JSON.stringify({
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: { object: { key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/') } },
        },
      ],
    }),
  }) as unknown as SQSRecord;

/** Worker mode: one "Lambda container" that runs the real handler on the batches it is sent. */
async function serveBatches(): Promise<void> {
  const { handler } = await import('#ingest/handler.ts');
  const context = { functionName: 'ingest', awsRequestId: 'load', getRemainingTimeInMillis: () => 900_000 };
  process.on('message', async (m: { keys?: string[] }) => {
    if (!m.keys) {
      process.send?.({ peakRssMb: process.resourceUsage().maxRSS / 1024 }, undefined, {}, () =>
        process.exit(0),
      );
      return;
    }
    const r = await handler({ Records: m.keys.map(record) }, context as never);
    process.send?.({ failed: r.batchItemFailures.map((f) => f.itemIdentifier) });
  });
  process.send?.({ ready: true });
}

/** Run the batches over `workers` processes, each taking the next batch when done. */
async function drain(batches: string[][], workers: number, env: NodeJS.ProcessEnv) {
  const failures: string[] = [];
  let peakRssMb = 0;
  const queue = [...batches];
  const one = (child: ChildProcess) =>
    new Promise<void>((done) => {
      child.on('message', (m: { ready?: boolean; failed?: string[]; peakRssMb?: number }) => {
        if (m.failed) failures.push(...m.failed);
        if (m.peakRssMb !== undefined) {
          peakRssMb = Math.max(peakRssMb, m.peakRssMb);
          return done();
        }
        const next = queue.shift();
        child.send(next ? { keys: next } : {});
      });
    });
  // each process its own /tmp, as each Lambda container has (the engine spills and stages there), and the
  // ingest function's environment
  const temps = await Promise.all(
    Array.from({ length: workers }, (_, w) => mkdtemp(join(tmpdir(), `pantau-load-${w}-`))),
  );
  const children = temps.map((tmp) =>
    fork(SELF, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...env, ...INGEST_PROCESS_ENV, TMPDIR: tmp, PANTAU_LOAD_WORKER: '1' },
    }),
  );
  try {
    await Promise.all(children.map(one));
  } finally {
    await Promise.all(temps.map((tmp) => rm(tmp, { recursive: true, force: true })));
  }
  return { failures, peakRssMb };
}

/** Every generated upload of the three instruments, as lake-relative keys with their local files. */
async function uploadsOf(dir: string): Promise<{ key: string; file: string; sha256: string }[]> {
  const files = await readdir(join(dir, lakeKeys.uploadsPrefix), { recursive: true, withFileTypes: true });
  const found = files
    .filter((f) => f.isFile())
    .map((f) => join(f.parentPath, f.name))
    .map((file) => ({ key: relative(dir, file).split('\\').join('/'), file }))
    .filter(({ key }) => isReported(parseUploadKey(key)?.dataset))
    .sort((a, b) => a.key.localeCompare(b.key));
  return Promise.all(
    found.map(async (u) => ({
      ...u,
      sha256: createHash('sha256')
        .update(await readFile(u.file))
        .digest('hex'),
    })),
  );
}

/**
 * Ingest a whole deadline day through the handler path and check nothing is lost: every submission has
 * exactly one ledger entry. Prints wall time and the peak RSS of the busiest ingest process.
 */
export async function benchDeadlineDay(options: LoadOptions = {}): Promise<LoadResult> {
  const dir = resolve(options.dir ?? 'bench-output/load');
  await rm(dir, { recursive: true, force: true });
  const mess = { missing: 0, reupload: 0, duplicateUpload: 0, late: 0 };
  await generate({ out: dir, scale: options.scale ?? 'small', seed: 11, periods: '2026-Q3', mess });
  const items = await uploadsOf(dir);
  const s3 = await startS3(['uploads', 'lake']);
  try {
    const uploads = new S3Store(s3.client, 'uploads');
    for (let i = 0; i < items.length; i += 16)
      await Promise.all(
        items.slice(i, i + 16).map(async (u) => uploads.write(u.key, await readFile(u.file))),
      );
    const env = { ...process.env, ...(await handlerEnv(s3)) };
    const size = options.batchSize ?? 5;
    const batches = Array.from({ length: Math.ceil(items.length / size) }, (_, b) =>
      items.slice(b * size, (b + 1) * size).map((u) => u.key),
    );
    const started = performance.now();
    const { failures, peakRssMb } = await drain(batches, options.workers ?? 2, env);
    const seconds = (performance.now() - started) / 1000;
    const lake = new S3Store(s3.client, 'lake');
    const statuses: Record<string, number> = {};
    const sources = new Set<string>();
    const contents = new Set<string>();
    for await (const o of lake.list(lakeKeys.ledgerPrefix)) {
      const entry = JSON.parse((await lake.readBytes(o.key)).toString()) as LedgerEntry;
      statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
      sources.add(entry.source_key);
      contents.add(entry.sha256);
    }
    // a re-upload of identical bytes is a duplicate: its content is in the ledger under the first key
    const duplicates = items.filter((u) => !sources.has(u.key) && contents.has(u.sha256)).length;
    if (duplicates) statuses.duplicate = duplicates;
    const lost = items.filter((u) => !sources.has(u.key) && !contents.has(u.sha256)).map((u) => u.key);
    if (lost.length > 0) console.log(`  LOST (not in the ledger): ${lost.join(', ')}`);
    const processed = items.length - lost.length;
    const result = { submissions: items.length, processed, failures, statuses, seconds, peakRssMb };
    console.log(
      `  ${result.submissions} submissions, ${result.processed} in the ledger (${JSON.stringify(statuses)}), ${failures.length} failed; ` +
        `wall time ${fmt(seconds, 1)} s (${fmt(items.length / seconds, 1)}/s) with ${options.workers ?? 2} ingest processes, peak RSS ${fmt(peakRssMb, 0)} MB per process`,
    );
    return result;
  } finally {
    await s3.stop();
  }
}

if (process.env.PANTAU_LOAD_WORKER) await serveBatches();
