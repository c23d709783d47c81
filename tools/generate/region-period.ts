import type { Methodology } from '#core/methodology.ts';
import type { Period } from '#core/period.ts';
import type { Region } from '#core/regions.ts';
import { type Emitted, emitFile } from './emit.ts';
import type { ComplaintUnitStats, SkmUnitStats } from './integrity.ts';
import { currentFiles, type SubmissionPlan } from './plan.ts';
import { type Planting, plantKey } from './plant.ts';
import type { Rng } from './random.ts';
import type { PlantedFlag, Scale } from './scale.ts';
import type { TruthBuilder } from './truth.ts';
import { groups } from './unit-rows.ts';
import { unitFlags } from './unit-truth.ts';
import type { Unit } from './units.ts';

/** Shared state of one generation run. */
export interface Run {
  out: string;
  /** Folders made under `out` so far (by this thread). */
  made: Set<string>;
  m: Methodology;
  scale: Scale;
  rng: Rng;
  plans: Map<string, SubmissionPlan>;
  planting: Planting;
  truth: TruthBuilder;
  /** Data rows and bytes written per dataset. */
  rows: Record<string, number>;
  bytes: number;
  files: number;
}

/** Statistics of the current accepted files of one region-period, per unit. */
export interface PeriodStats {
  skm: Map<string, SkmUnitStats>;
  complaints: Map<string, ComplaintUnitStats>;
  ceremonial: Map<string, boolean>;
  /** Units whose SKM rows carry invalid probes. */
  victims: Set<string>;
}

export async function regionPeriod(
  run: Run,
  region: Region,
  units: readonly Unit[],
  p: Period,
): Promise<void> {
  const planted = run.planting.get(plantKey(region.code, p)) ?? new Map<string, PlantedFlag>();
  const stats: PeriodStats = {
    skm: new Map(),
    complaints: new Map(),
    ceremonial: new Map(),
    victims: new Set(),
  };
  for (const ds of ['units', 'skm', 'fkp', 'complaints'] as const) {
    const s = run.plans.get(`${plantKey(region.code, p)}|${ds}`)!;
    const emitted: Emitted[] = [];
    const current = currentFiles(s);
    for (const f of s.files) {
      const rng = run.rng.fork(`${region.code}/${p.id}/${ds}/file/${f.base}`);
      const e = await emitFile(
        run,
        s,
        f,
        groups(run, s, f, units, planted, current.has(f) ? stats : undefined),
        rng,
        emitted.at(-1)?.file,
      );
      emitted.push(e);
      run.files++;
      run.bytes += e.bytes;
      run.rows[ds] = (run.rows[ds] ?? 0) + e.rows;
    }
    run.truth.submission(s, run.m, emitted);
  }
  unitFlags(run, region, units, p, stats);
}
