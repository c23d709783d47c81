import type { Period } from '#core/period.ts';
import type { Region } from '#core/regions.ts';
import type { PeriodStats, Run } from './region-period.ts';
import type { Unit } from './units.ts';

/**
 * Record the integrity flags each unit raises in the current accepted files, computed exactly from the rows
 * with the methodology thresholds. Units carrying invalid-row probes are listed as excluded instead.
 */
export function unitFlags(
  run: Run,
  region: Region,
  units: readonly Unit[],
  p: Period,
  stats: PeriodStats,
): void {
  const add = (u: Unit, flag: string) => run.truth.flag(p.id, region.code, u.id, flag);
  for (const u of units) {
    const skm = stats.skm.get(u.id);
    const complaints = stats.complaints.get(u.id);
    if (stats.victims.has(u.id)) run.truth.exclude(p.id, region.code, u.id, 'skm');
    else if (skm) for (const flag of skm.flags(run.m, u.annualUsers)) add(u, flag);
    if (stats.ceremonial.get(u.id)) add(u, 'fkp_ceremonial');
    if (complaints && complaints.impossible > 0) add(u, 'complaint_impossible_timeline');
    if (complaints && complaints.received > 0)
      run.truth.completion({
        period: p.id,
        region_code: region.code,
        unit_id: u.id,
        met: complaints.completionMet,
        missed: complaints.completionMissed,
        pending: complaints.completionPending,
      });
    if (skm && complaints && !stats.victims.has(u.id) && complaints.gradeConflict(skm.grade(run.m), run.m)) {
      if (complaints.impossible > 0) run.truth.exclude(p.id, region.code, u.id, 'complaints');
      else add(u, 'skm_grade_vs_complaints');
    }
  }
}
