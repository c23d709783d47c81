import { DATASET_IDS } from '#core/datasets/index.ts';
import { loadMethodology } from '#core/methodology.ts';
import { type Period, periodRange } from '#core/period.ts';
import { ensureCoverage } from './coverage.ts';
import { planSubmission, type SubmissionPlan } from './plan.ts';
import { plantIntegrity, plantKey } from './plant.ts';
import { Rng } from './random.ts';
import type { Run } from './region-period.ts';
import { type MessShares, type ScaleName, scaleOf } from './scale.ts';
import { TruthBuilder } from './truth.ts';
import { regionUnits, type Unit } from './units.ts';

/** The options of one generation run with every default filled in: plain data, sent as is to worker threads. */
export interface RunOptions {
  out: string;
  scale: ScaleName;
  seed: number;
  /** `2026-Q3..2026-Q4` or one period. */
  periods: string;
  mess: MessShares;
}

/** A run's shared state plus what its regions are written from. */
export interface Context {
  run: Run;
  units: Map<string, readonly Unit[]>;
  periods: Period[];
}

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
 * Units and plans of every region, with an empty truth and empty counters. Pure function of the options:
 * every thread that writes a share of the regions computes the same context.
 */
export async function startRun(o: RunOptions): Promise<Context> {
  const scale = scaleOf(o.scale);
  const periods = periodRange(o.periods);
  const { methodology: m } = await loadMethodology();
  const rng = new Rng(`pantau-generate:${o.seed}`);
  const units = new Map(
    scale.regions.map((r) => [r.code, regionUnits(rng.fork(`units/${r.code}`), r, scale)] as const),
  );
  const { plans, planting } = planAll(rng, units, { scale, m }, periods, o.mess);
  const truth = new TruthBuilder(
    o.seed,
    scale.name,
    periods.map((p) => p.id),
  );
  return {
    run: { out: o.out, made: new Set(), m, scale, rng, plans, planting, truth, rows: {}, bytes: 0, files: 0 },
    units,
    periods,
  };
}
