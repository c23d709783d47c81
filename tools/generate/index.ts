import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET_IDS } from '#core/datasets/index.ts';
import { loadMethodology } from '#core/methodology.ts';
import { type Period, periodRange } from '#core/period.ts';
import { ensureCoverage } from './coverage.ts';
import { planSubmission, type SubmissionPlan } from './plan.ts';
import { plantIntegrity, plantKey } from './plant.ts';
import { Rng } from './random.ts';
import { type Run, regionPeriod } from './region-period.ts';
import { DEFAULT_MESS, type MessShares, type ScaleName, scaleOf } from './scale.ts';
import { TruthBuilder } from './truth.ts';
import { regionUnits, type Unit } from './units.ts';

export { SCALES, type ScaleName } from './scale.ts';

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

/** Plan every upload of the run before any row is drawn (coverage and planting need the whole picture). */
function planAll(
  rng: Rng,
  regions: Map<string, readonly Unit[]>,
  run: Pick<Run, 'scale' | 'm'>,
  periods: Period[],
  mess: MessShares,
) {
  const plans = new Map<string, SubmissionPlan>();
  for (const region of run.scale.regions) {
    for (const period of periods) {
      for (const dataset of DATASET_IDS) {
        const s = { region, dataset, period };
        plans.set(
          `${plantKey(region.code, period)}|${dataset}`,
          planSubmission(rng.fork(`plan/${region.code}/${period.id}/${dataset}`), s, run.m, mess),
        );
      }
    }
  }
  ensureCoverage(rng.fork('coverage'), [...plans.values()], run.m);
  return { plans, planting: plantIntegrity(rng.fork('plant'), regions, periods, plans, mess.planted) };
}

/**
 * Write a synthetic national upload tree and its ground truth. Deterministic: the same options give
 * byte-identical files and mtimes. `onProgress` is called after each region.
 */
export async function generate(
  options: GenerateOptions,
  onProgress?: (done: number, total: number, region: string) => void,
): Promise<GenerateSummary> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const scale = scaleOf(options.scale ?? 'small');
  const periods = periodRange(options.periods ?? DEFAULT_PERIODS);
  const mess = { ...DEFAULT_MESS, ...options.mess };
  const { methodology: m } = loadMethodology();
  const rng = new Rng(`pantau-generate:${seed}`);
  const units = new Map(
    scale.regions.map((r) => [r.code, regionUnits(rng.fork(`units/${r.code}`), r, scale)] as const),
  );
  const { plans, planting } = planAll(rng, units, { scale, m }, periods, mess);
  const truth = new TruthBuilder(
    seed,
    scale.name,
    periods.map((p) => p.id),
  );
  const run: Run = { out: options.out, m, scale, rng, plans, planting, truth, rows: {}, bytes: 0, files: 0 };
  mkdirSync(options.out, { recursive: true });
  for (const [i, region] of scale.regions.entries()) {
    for (const p of periods) await regionPeriod(run, region, units.get(region.code)!, p);
    onProgress?.(i + 1, scale.regions.length, region.code);
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
