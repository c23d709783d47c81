import { fork } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { workersPerMachine } from '#core/parallel.ts';
import { BATCH_FILES } from '#ingest/batch.ts';
import { partsFromKey, type TargetParts } from '#ingest/key.ts';
import { ingestLocalDeliveries } from '#ingest/local.ts';
import { INGEST_PROCESS_ENV } from '#ingest/process-env.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { TABLE_SOURCE_MAX_BYTES } from '#ingest/stage-source.ts';

const BIN = fileURLToPath(new URL('../bin/pantau.js', import.meta.url));

/** Worker processes by default: one per core, at most 4. */
export const defaultJobs = workersPerMachine;

export interface PoolOptions {
  lake: string;
  target?: TargetParts;
  /** Worker processes. @default {@link defaultJobs} */
  jobs?: number;
  onReport?: (r: SubmissionReport, done: number) => void;
}

/**
 * Ingest many local files with `jobs` worker processes, each with its own engine on one thread, started once
 * for the run. The units registries go first: a forms export names its units, and the codes they get come
 * from the registry in the lake when the export is processed (docs/intake.md); so every worker finishes
 * them before any other file is sent. Otherwise order does not matter: which upload becomes current is
 * decided by upload time, atomically, whatever process gets there first. A small run stays in this process.
 */
export async function ingestPool(files: string[], options: PoolOptions): Promise<SubmissionReport[]> {
  const registry = (f: string) =>
    (options.target?.dataset ?? partsFromKey(f).dataset)?.toLowerCase() === 'units';
  const phases = [files.filter(registry), files.filter((f) => !registry(f))].filter((p) => p.length > 0);
  const reports: SubmissionReport[] = [];
  const collect = (r: SubmissionReport) => {
    reports.push(r);
    options.onReport?.(r, reports.length);
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), Math.floor(files.length / 8) || 1));
  if (phases.length === 0) return reports;
  if (jobs === 1) {
    // one engine, one phase after the other: each is validated whole before the next begins
    await ingestLocalDeliveries(options.lake, phases, { target: options.target, onReport: collect });
    return reports;
  }
  const workers = Array.from({ length: jobs }, () => startWorker(options));
  try {
    for (const phase of phases) await dealPhase(phase, workers, collect);
  } finally {
    for (const w of workers) w.end();
  }
  const failed = (await Promise.all(workers.map((w) => w.exited))).find((c) => c !== 0);
  if (failed !== undefined) throw workerError(failed);
  return reports;
}

/**
 * One phase's files to the workers, in deliveries ({@link Deliveries}), each sent to a worker that has fewer
 * than two files waiting, so that none waits for work and all finish close together: how long a file takes
 * depends on its format as much as its bytes, and dealing the files by bytes at the start left one worker
 * idle for seconds while the other finished.
 */
async function dealPhase(
  files: string[],
  workers: Worker[],
  collect: (r: SubmissionReport) => void,
): Promise<void> {
  const deliveries = new Deliveries(await sizeGroups(files), workers.length);
  let left = files.length;
  let resolve = () => {};
  const done = new Promise<void>((r) => {
    resolve = r;
  });
  const topUp = (w: Worker) => {
    while (w.ready && w.pending < 2) {
      const next = deliveries.next();
      if (!next) return;
      w.send(next);
    }
  };
  for (const w of workers)
    w.onProgress = (r) => {
      if (r) collect(r);
      topUp(w);
      if (r && --left === 0) resolve();
    };
  for (const w of workers) topUp(w);
  // a worker that exits before the phase is done has failed (its error is on stderr)
  const exited = Promise.race(workers.map((w) => w.exited)).then((code) => ({ code }));
  const early = await Promise.race([done.then(() => undefined), exited]);
  if (early) throw workerError(early.code);
}

/** Files of one size, in the order given; a file sent twice (same bytes, so the same size) is in one group. */
export interface SizeGroup {
  size: number;
  files: string[];
}

/** The files grouped by size, largest first. */
export async function sizeGroups(files: string[]): Promise<SizeGroup[]> {
  const sized = await Promise.all(files.map(async (f) => ({ f, size: (await stat(f)).size })));
  const groups = new Map<number, string[]>();
  for (const { f, size } of sized) {
    const group = groups.get(size);
    if (group) group.push(f);
    else groups.set(size, [f]);
  }
  return [...groups].map(([size, group]) => ({ size, files: group })).sort((a, b) => b.size - a.size);
}

/**
 * What to send a worker next: the largest files left, a share of the bytes left (a quarter of them for two
 * workers), so that the first deliveries are long runs of work and the last ones short, and the workers
 * finish close together. Small files (up to {@link TABLE_SOURCE_MAX_BYTES}) are validated in batches of
 * one shape, of up to {@link BATCH_FILES} files, so a delivery of them holds at least that many. A group
 * of one size is never split: a file sent twice (same bytes, same submission) then goes to one worker,
 * where the first copy in the given order is taken first, and which copy is the duplicate does not depend
 * on timing.
 */
export class Deliveries {
  /** The next group to send. */
  private at = 0;
  private bytesLeft: number;

  constructor(
    private readonly groups: readonly SizeGroup[],
    private readonly jobs: number,
  ) {
    this.bytesLeft = groups.reduce((n, g) => n + g.size * g.files.length, 0);
  }

  next(): string[] | undefined {
    const share = this.bytesLeft / (2 * this.jobs);
    const files: string[] = [];
    let bytes = 0;
    let last = Number.POSITIVE_INFINITY;
    while (this.at < this.groups.length) {
      const small = last <= TABLE_SOURCE_MAX_BYTES;
      if (bytes >= share && (!small || files.length >= BATCH_FILES)) break;
      const g = this.groups[this.at++]!;
      files.push(...g.files);
      bytes += g.size * g.files.length;
      last = g.size;
    }
    this.bytesLeft -= bytes;
    return files.length > 0 ? files : undefined;
  }
}

/** A worker process (`pantau ingest --worker`), fed lists of files over its IPC channel. */
interface Worker {
  /** Whether it listens for files: a message sent before it does would be lost. */
  ready: boolean;
  send(files: string[]): void;
  /** Files sent and not yet reported. */
  pending: number;
  /** Called once it is ready, and with each report. */
  onProgress: (r?: SubmissionReport) => void;
  /** Its exit code, once it has exited. */
  exited: Promise<number | null>;
  /** No more files: it exits once the ones sent are done. */
  end(): void;
}

function startWorker(options: PoolOptions): Worker {
  const t = options.target ?? {};
  const flags = Object.entries({ dataset: t.dataset, region: t.region, period: t.period }).flatMap(
    ([k, v]) => (v === undefined ? [] : [`--${k}`, v]),
  );
  const child = fork(BIN, ['ingest', '--worker', '--lake', options.lake, ...flags], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, ...INGEST_PROCESS_ENV, PANTAU_THREADS: '1' },
  });
  const worker: Worker = {
    ready: false,
    pending: 0,
    onProgress: () => {},
    send(files) {
      if (files.length === 0) return;
      worker.pending += files.length;
      child.send(files);
    },
    exited: new Promise((resolve) => {
      child.on('error', () => resolve(null));
      child.on('exit', (code) => resolve(code));
    }),
    end: () => child.connected && child.disconnect(),
  };
  child.on('message', (m: SubmissionReport | typeof READY) => {
    if (m === READY) worker.ready = true;
    else worker.pending--;
    worker.onProgress(m === READY ? undefined : m);
  });
  return worker;
}

const workerError = (code: number | null) =>
  new Error(
    `proses ingest berhenti${code === null ? '' : ` dengan kode ${code}`} sebelum semua berkas selesai`,
  );

/**
 * The worker's side (`pantau ingest --worker`, started by {@link ingestPool}): ingest each list of files as
 * it comes over the IPC channel, with one engine for the whole run, and send each report back. It ends when
 * the pool disconnects.
 */
export async function serveWorker(lake: string, target: TargetParts): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('--worker hanya untuk proses yang dijalankan pantau ingest --jobs');
  await ingestLocalDeliveries(lake, deliveries(send), { target, onReport: (r) => send(r) });
}

/** The worker's first message: it listens for files. */
const READY = 'ready';

/**
 * The lists of files received, all those at hand each time; none when the channel closes. Listens first,
 * then tells the pool it is {@link READY}.
 */
async function* deliveries(send: (m: typeof READY) => void): AsyncGenerator<string[]> {
  const inbox: string[][] = [];
  let wake = () => {};
  let open = true;
  process.on('message', (files: string[]) => {
    inbox.push(files);
    wake();
  });
  process.on('disconnect', () => {
    open = false;
    wake();
  });
  send(READY);
  for (;;) {
    while (inbox.length === 0 && open)
      await new Promise<void>((r) => {
        wake = r;
      });
    if (inbox.length === 0) return;
    yield inbox.splice(0).flat();
  }
}
