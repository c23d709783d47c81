import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { workersPerMachine } from '#core/parallel.ts';
import { partsFromKey, type TargetParts } from '#ingest/key.ts';
import { ingestLocalFiles } from '#ingest/local.ts';
import type { SubmissionReport } from '#ingest/report.ts';

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
 * Ingest many local files with `jobs` worker processes, each with its own engine and one DuckDB thread,
 * each given its next file when it has reported the one before (see {@link sameSizeGroups}).
 * The units registries go first: a forms export names its units, and the codes they get come from the
 * registry in the lake when the export is processed (docs/intake.md). Otherwise order does not matter:
 * which upload becomes current is decided by upload time, atomically, whatever process gets there first.
 * A small batch runs in this process.
 */
export async function ingestPool(files: string[], options: PoolOptions): Promise<SubmissionReport[]> {
  const registry = (f: string) =>
    (options.target?.dataset ?? partsFromKey(f).dataset)?.toLowerCase() === 'units';
  const reports: SubmissionReport[] = [];
  const collect = (r: SubmissionReport) => {
    reports.push(r);
    options.onReport?.(r, reports.length);
  };
  for (const phase of [files.filter(registry), files.filter((f) => !registry(f))])
    if (phase.length > 0) await ingestPhase(phase, options, collect);
  return reports;
}

/** One batch of files, in parallel where it is large enough. */
async function ingestPhase(
  files: string[],
  options: PoolOptions,
  collect: (r: SubmissionReport) => void,
): Promise<void> {
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), Math.floor(files.length / 8) || 1));
  if (jobs === 1) {
    await ingestLocalFiles(options.lake, files, { target: options.target, onReport: collect });
    return;
  }
  const groups = await sameSizeGroups(files);
  const workers = Array.from({ length: jobs }, () => startWorker(options));
  // each worker is kept a few files ahead, so that it never waits for its next path; the rest wait here
  // and go to whichever worker reports first: the workers finish together whatever each file costs
  const feed = (w: Worker) => {
    while (w.queued < AHEAD && groups.length > 0) w.send(groups.shift()!);
    if (groups.length === 0) for (const other of workers) other.end();
  };
  await Promise.all(
    workers.map((w) => {
      feed(w);
      return w.run((r) => {
        collect(r);
        feed(w);
      });
    }),
  );
}

/** Files a worker holds beyond the one it ingests. */
const AHEAD = 2;

/**
 * The files in the order they are dealt: largest first (a national tree mixes 100 MB exports with 10 kB
 * ones, and a large one last would leave the other workers idle), files of the same size together in the
 * order given: a file sent twice (same bytes, so the same submission) then goes to one worker, first where
 * it comes first, and which copy is the duplicate does not depend on timing.
 */
export async function sameSizeGroups(files: string[]): Promise<string[][]> {
  const sized = await Promise.all(files.map(async (f, i) => ({ f, i, size: (await stat(f)).size })));
  sized.sort((a, b) => b.size - a.size || a.i - b.i);
  const groups: { size: number; files: string[] }[] = [];
  for (const { f, size } of sized) {
    const last = groups.at(-1);
    if (last?.size === size) last.files.push(f);
    else groups.push({ size, files: [f] });
  }
  return groups.map((g) => g.files);
}

/** A worker process: `pantau ingest - --stream`, fed paths while it runs. */
interface Worker {
  /** Paths sent and not reported yet. */
  queued: number;
  send(files: string[]): void;
  /** No more paths: the worker ends once it has reported what it holds. */
  end(): void;
  /** Until the worker exits, each report as it comes. */
  run(onReport: (r: SubmissionReport) => void): Promise<void>;
}

function startWorker(options: PoolOptions): Worker {
  const t = options.target ?? {};
  const flags = Object.entries({ dataset: t.dataset, region: t.region, period: t.period }).flatMap(
    ([k, v]) => (v === undefined ? [] : [`--${k}`, v]),
  );
  const child = spawn(
    process.execPath,
    [BIN, 'ingest', '-', '--stream', '--json', '--jobs', '1', '--lake', options.lake, ...flags],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, PANTAU_THREADS: '1' },
    },
  );
  const worker: Worker = {
    queued: 0,
    send(files) {
      worker.queued += files.length;
      child.stdin.write(`${files.join('\n')}\n`);
    },
    end: () => {
      if (child.stdin.writable) child.stdin.end();
    },
    run: (onReport) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.trim()) return;
        worker.queued--;
        onReport(JSON.parse(line) as SubmissionReport);
      });
      return new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`proses ingest berhenti dengan kode ${code}`)),
        );
      });
    },
  };
  return worker;
}
