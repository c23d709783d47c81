import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { workersPerMachine } from '#core/parallel.ts';
import { partsFromKey, type TargetParts } from '#ingest/key.ts';
import { ingestLocalFiles } from '#ingest/local.ts';
import { INGEST_PROCESS_ENV } from '#ingest/process-env.ts';
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
 * Ingest many local files with `jobs` worker processes, each with its own engine on one thread.
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
  const shares = await balancedShares(files, jobs);
  await Promise.all(shares.map((share) => runWorker(share, options, collect)));
}

/**
 * Deal the files to `jobs` workers so that each gets about the same number of bytes: largest first, each to
 * the least loaded worker (a national tree mixes 100 MB exports with 10 kB ones: dealing by count left one
 * worker with most of the bytes). Each worker then takes its largest files first. Files of the same size
 * go to the same worker, in the order given: a file sent twice (same bytes, so the same submission) is
 * then always taken first where it comes first, and which copy is the duplicate does not depend on timing.
 */
export async function balancedShares(files: string[], jobs: number): Promise<string[][]> {
  const sized = await Promise.all(files.map(async (f, i) => ({ f, i, size: (await stat(f)).size })));
  sized.sort((a, b) => b.size - a.size || a.i - b.i);
  const shares = Array.from({ length: jobs }, () => ({ files: [] as string[], bytes: 0 }));
  let previous: { size: number; share: (typeof shares)[number] } | undefined;
  for (const { f, size } of sized) {
    const share =
      previous?.size === size ? previous.share : shares.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    share.files.push(f);
    share.bytes += size;
    previous = { size, share };
  }
  return shares.map((s) => s.files);
}

function runWorker(
  files: string[],
  options: PoolOptions,
  collect: (r: SubmissionReport) => void,
): Promise<void> {
  const t = options.target ?? {};
  const flags = Object.entries({ dataset: t.dataset, region: t.region, period: t.period }).flatMap(
    ([k, v]) => (v === undefined ? [] : [`--${k}`, v]),
  );
  const child = spawn(
    process.execPath,
    [BIN, 'ingest', '-', '--json', '--jobs', '1', '--lake', options.lake, ...flags],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...INGEST_PROCESS_ENV, PANTAU_THREADS: '1' },
    },
  );
  child.stdin.end(`${files.join('\n')}\n`);
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.trim()) collect(JSON.parse(line) as SubmissionReport);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`proses ingest berhenti dengan kode ${code}`)),
    );
  });
}
