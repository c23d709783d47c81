import { Worker } from 'node:worker_threads';
import { workersPerMachine } from '#core/parallel.ts';
import { type RunOptions, startRun } from './context.ts';
import { regionPeriod } from './region-period.ts';
import { scaleOf } from './scale.ts';
import type { GroundTruth } from './truth.ts';

/** Fewer regions than this are written by one thread: a worker costs about half a second to start. */
const MIN_REGIONS_FOR_THREADS = 50;

/** Threads by default: one per core, at most 4; one for a run of few regions (the tiny scale's 12). */
export const defaultJobs = (regions: number) => (regions < MIN_REGIONS_FOR_THREADS ? 1 : workersPerMachine());

/** What one thread wrote: its regions' truth (unsorted) and counters. */
export interface SharePart {
  truth: GroundTruth;
  rows: Record<string, number>;
  bytes: number;
  files: number;
}

/** Messages of a worker thread: one per region written, then its part. */
export type WorkerMessage = { region: string } | { part: SharePart };

/**
 * Write regions until none is left: each thread claims the next region index from the shared counter
 * `next`. Every region is written from streams forked by its own labels, so which thread writes it and
 * in what order does not change a byte.
 */
export async function writeShare(
  o: RunOptions,
  next: Int32Array,
  onRegion: (code: string) => void,
): Promise<SharePart> {
  const { run, units, periods } = await startRun(o);
  const regions = run.scale.regions;
  for (let i = Atomics.add(next, 0, 1); i < regions.length; i = Atomics.add(next, 0, 1)) {
    const region = regions[i]!;
    for (const p of periods) await regionPeriod(run, region, units.get(region.code)!, p);
    onRegion(region.code);
  }
  return { truth: run.truth.t, rows: run.rows, bytes: run.bytes, files: run.files };
}

/** One worker thread writing its share; resolves with its part. */
function startWorker(o: RunOptions, next: Int32Array, onRegion: (code: string) => void) {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { options: o, next } });
  return new Promise<SharePart>((resolve, reject) => {
    let result: SharePart | undefined;
    worker.on('message', (m: WorkerMessage) => {
      if ('region' in m) onRegion(m.region);
      else result = m.part;
    });
    worker.on('error', reject);
    worker.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`generate worker exited with code ${code}`)),
    );
  });
}

/**
 * Write every region of the run with `jobs` threads (this one and `jobs - 1` workers) and return each
 * thread's part. A failing thread stops the others from claiming more regions; the first error is thrown
 * once every thread has stopped.
 */
export async function writeRegions(
  o: RunOptions,
  jobs: number,
  onProgress?: (done: number, total: number, region: string) => void,
): Promise<SharePart[]> {
  const total = scaleOf(o.scale).regions.length;
  const next = new Int32Array(new SharedArrayBuffer(4));
  let done = 0;
  const onRegion = (code: string) => onProgress?.(++done, total, code);
  const workers = Array.from({ length: Math.max(0, jobs - 1) }, () => startWorker(o, next, onRegion));
  const stopOthers = (e: unknown) => {
    Atomics.store(next, 0, total);
    throw e;
  };
  const settled = await Promise.allSettled([
    writeShare(o, next, onRegion).catch(stopOthers),
    ...workers.map((w) => w.catch(stopOthers)),
  ]);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<SharePart>).value);
}
