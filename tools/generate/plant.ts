import type { Period } from '#core/period.ts';
import { currentFiles, type SubmissionPlan } from './plan.ts';
import type { Rng } from './random.ts';
import { PLANTED_FLAGS, type PlantedFlag } from './scale.ts';
import type { Unit } from './units.ts';

/** Planted behaviour per region-period: unit id → the one flag planted in it. */
export type Planting = Map<string, Map<string, PlantedFlag>>;
export const plantKey = (regionCode: string, p: Period) => `${regionCode}|${p.id}`;

/** The datasets whose current file must be accepted for a flag to be observable. */
const NEEDS: Record<PlantedFlag, readonly string[]> = {
  skm_straightlining: ['skm'],
  skm_all_max: ['skm'],
  skm_burst: ['skm'],
  skm_duplicates: ['skm'],
  fkp_ceremonial: ['fkp'],
  complaint_impossible_timeline: ['complaints'],
  skm_grade_vs_complaints: ['skm', 'complaints'],
};

/** Clean files only: planted units must never share a file with invalid rows (truth stays exact). */
function observable(plans: Map<string, SubmissionPlan>, key: string, flag: PlantedFlag): boolean {
  return NEEDS[flag].every((ds) => {
    const f = plans.get(`${key}|${ds}`);
    const cur = f ? [...currentFiles(f)] : [];
    return cur.length > 0 && cur.every((c) => c.invalid.length === 0 && !c.nihil);
  });
}

/**
 * Choose which units misbehave: each unit-period gets at most one planted flag, at `share` per flag;
 * every flag is planted at least once. `plans` is keyed `region|period|dataset`.
 */
export function plantIntegrity(
  rng: Rng,
  units: Map<string, readonly Unit[]>,
  periods: readonly Period[],
  plans: Map<string, SubmissionPlan>,
  share: number,
): Planting {
  const planting: Planting = new Map();
  const free: [string, string, PlantedFlag][] = [];
  for (const [code, list] of units) {
    for (const p of periods) {
      const key = plantKey(code, p);
      const chosen = new Map<string, PlantedFlag>();
      planting.set(key, chosen);
      for (const u of list) {
        const flag = rng.chance(share * PLANTED_FLAGS.length) ? rng.pick(PLANTED_FLAGS) : undefined;
        const ok = (f: PlantedFlag) => observable(plans, key, f);
        if (flag && ok(flag)) chosen.set(u.id, flag);
        else if (!flag) for (const f of PLANTED_FLAGS) if (ok(f)) free.push([key, u.id, f]);
      }
    }
  }
  for (const flag of PLANTED_FLAGS) {
    if ([...planting.values()].some((m) => [...m.values()].includes(flag))) continue;
    const [key, unitId] = rng.pick(free.filter(([k, id, f]) => f === flag && !planting.get(k)!.has(id)));
    planting.get(key)!.set(unitId, flag);
  }
  return planting;
}
