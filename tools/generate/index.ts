import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { periodRange } from '#core/period.ts';
import { defaultJobs, writeRegions } from './pool.ts';
import { DEFAULT_MESS, type MessShares, type ScaleName, scaleOf } from './scale.ts';
import { TruthBuilder } from './truth.ts';

export { SCALES, type ScaleName, scaleOf } from './scale.ts';

import type { GroundTruth } from './truth.ts';

export { REQUIRED_KINDS } from './coverage.ts';
export type { FileTruth, GroundTruth, IntegrityTruth, SubmissionKey } from './truth.ts';

/** Options of `generate` (the `pantau generate` flags). */
export interface GenerateOptions {
  /** Output folder: receives `uploads/…` and `ground-truth.json`. */
  out: string;
  /** @default 'small' */
  scale?: ScaleName;
  /** @default 1 */
  seed?: number;
  /** `2026-Q3..2026-Q4` or one period. @default '2026-Q3..2026-Q4' */
  periods?: string;
  /** Override mess shares (e.g. `{ missing: 0 }`). */
  mess?: Partial<MessShares>;
  /** Threads writing regions; the output does not depend on it. @default one per core, at most 4 (tiny: 1) */
  jobs?: number;
}

export interface GenerateSummary {
  files: number;
  bytes: number;
  /** Data rows written per dataset (all files, invalid probes included). */
  rows: Record<string, number>;
  seconds: number;
  /** Path of `ground-truth.json`. */
  truth: string;
}

/** Default periods: two quarters, so rank changes exist. */
export const DEFAULT_PERIODS = '2026-Q3..2026-Q4';

/**
 * Write a synthetic national upload tree and its ground truth. Deterministic: the same options give
 * byte-identical files and mtimes, whatever `jobs`. `onProgress` is called after each region.
 */
export async function generate(
  options: GenerateOptions,
  onProgress?: (done: number, total: number, region: string) => void,
): Promise<GenerateSummary> {
  const started = performance.now();
  const o = {
    out: options.out,
    scale: options.scale ?? 'small',
    seed: options.seed ?? 1,
    periods: options.periods ?? DEFAULT_PERIODS,
    mess: { ...DEFAULT_MESS, ...options.mess },
  };
  mkdirSync(o.out, { recursive: true });
  const jobs = options.jobs ?? defaultJobs(scaleOf(o.scale).regions.length);
  const parts = await writeRegions(o, jobs, onProgress);
  const truth = new TruthBuilder(
    o.seed,
    o.scale,
    periodRange(o.periods).map((p) => p.id),
  );
  const run = { rows: {} as Record<string, number>, bytes: 0, files: 0 };
  for (const part of parts) {
    truth.merge(part.truth);
    run.bytes += part.bytes;
    run.files += part.files;
    for (const [ds, n] of Object.entries(part.rows)) run.rows[ds] = (run.rows[ds] ?? 0) + n;
  }
  const truthPath = join(options.out, 'ground-truth.json');
  const result = truth.result();
  writeFileSync(truthPath, `${JSON.stringify(result, null, 1)}\n`);
  const last = Math.max(...result.files.map((f) => Date.parse(f.uploaded_at))) / 1000;
  utimesSync(truthPath, last, last);
  return {
    files: run.files,
    bytes: run.bytes,
    rows: run.rows,
    seconds: (performance.now() - started) / 1000,
    truth: truthPath,
  };
}

/** Read `ground-truth.json` of a generated tree (for tests that check ingest and detection against it). */
export function readGroundTruth(dir: string): GroundTruth {
  return JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
}
