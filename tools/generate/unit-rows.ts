import type { DatasetId } from '#core/datasets/index.ts';
import type { Methodology } from '#core/methodology.ts';
import { HOUR } from './calendar.ts';
import { complaintRows } from './complaints.ts';
import type { UnitRows } from './emit.ts';
import { fkpRows, isCeremonialForum } from './fkp.ts';
import { ComplaintUnitStats, SkmUnitStats } from './integrity.ts';
import type { FilePlan, SubmissionPlan } from './plan.ts';
import type { PeriodStats, Run } from './region-period.ts';
import type { PlantedFlag } from './scale.ts';
import { respondentCount, skmRows } from './skm.ts';
import type { Unit } from './units.ts';

/** A unit as it behaves this period: a planted grade-vs-complaints unit serves well and handles complaints badly. */
const effective = (u: Unit, flag?: PlantedFlag): Unit =>
  flag === 'skm_grade_vs_complaints' ? { ...u, quality: 3.75, handling: 0.02 } : u;

/** The unit groups of one file, drawn from per-unit streams so every file of a submission sees the same rows. */
export function* groups(
  run: Run,
  s: SubmissionPlan,
  f: FilePlan,
  units: readonly Unit[],
  planted: Map<string, PlantedFlag>,
  stats?: PeriodStats,
): Generator<UnitRows> {
  const base = run.rng.fork(`${s.region.code}/${s.period.id}/${s.dataset}`);
  if (s.dataset === 'units') {
    yield {
      unitId: '',
      rows: units.map((u) => ({
        unit_id: u.id,
        unit_name: u.name,
        unit_type: u.type.label,
        annual_service_users: u.annualUsers,
      })),
    };
    return;
  }
  const counts = units.map((u) => respondentCount(base.fork(`n/${u.id}`), u, run.m));
  const fileRows = counts.reduce((a, b) => a + b, 0);
  const clean = units.filter((u) => !planted.has(u.id));
  const victim =
    f.invalid.length > 0 || f.malformed
      ? base.fork('victim').pick(clean.length ? clean : units).id
      : undefined;
  const forums = units.map(
    (u) => planted.get(u.id) === 'fkp_ceremonial' || base.fork(`held/${u.id}`).chance(u.forumRate),
  );
  if (!forums.includes(true)) forums[0] = true;
  // each unit's own file holds at least one forum (a file without rows would be a nihil report)
  for (let j = 0; f.part && j < f.part.of; j++)
    if (!forums.some((held, i) => held && i % f.part!.of === j) && j < forums.length) forums[j] = true;
  const snapshot = f.uploadedAt + run.m.submission.timezone_offset_hours * HOUR;
  for (const [i, unit] of units.entries()) {
    if (f.part && i % f.part.of !== f.part.index) continue;
    const flag = planted.get(unit.id);
    const u = effective(unit, flag);
    const r = base.fork(`rows/${unit.id}`);
    let rows: UnitRows['rows'];
    if (s.dataset === 'skm') rows = skmRows(r, u, s.period, counts[i]!, new Set(flag ? [flag] : []));
    else if (s.dataset === 'fkp') rows = fkpRows(r, u, s.period, forums[i]!, flag === 'fkp_ceremonial');
    else {
      const lambda = run.scale.complaintsPerUnit * u.type.complaints;
      // a planted grade-vs-complaints unit needs enough complaints whose 60 days have run by the cut-off
      // (methodology v2 censors the rest as pending): about a third of a quarter's are due a fortnight after it
      const min =
        flag === 'skm_grade_vs_complaints'
          ? 30
          : flag === 'complaint_impossible_timeline'
            ? 3
            : i === 0
              ? 1
              : 0;
      const n = Math.max(min, base.fork(`cn/${u.id}`).int(Math.floor(0.3 * lambda), Math.ceil(1.7 * lambda)));
      rows = complaintRows(
        r,
        u,
        s.period,
        n,
        snapshot,
        flag === 'complaint_impossible_timeline',
        s.region.code.replace('.', ''),
      );
    }
    if (stats) collect(run.m, stats, s.dataset, unit.id, rows, victim === unit.id, snapshot);
    yield { unitId: unit.id, rows, victim: victim === unit.id, fileRows };
  }
}

function collect(
  m: Methodology,
  stats: PeriodStats,
  ds: DatasetId,
  unitId: string,
  rows: UnitRows['rows'],
  victim: boolean,
  cutoff: number,
): void {
  if (ds === 'skm') {
    const st = new SkmUnitStats();
    for (const r of rows) st.add(r);
    stats.skm.set(unitId, st);
    if (victim) stats.victims.add(unitId);
  } else if (ds === 'complaints') {
    const st = new ComplaintUnitStats();
    for (const r of rows) st.add(r, m, cutoff);
    stats.complaints.set(unitId, st);
  } else if (ds === 'fkp' && rows.length > 0)
    stats.ceremonial.set(
      unitId,
      rows.some((r) => isCeremonial(m, r)),
    );
}

const isCeremonial = (m: Methodology, r: UnitRows['rows'][number]) =>
  isCeremonialForum(r, Number(m.integrity.fkp_ceremonial?.max_stakeholder_groups ?? 1));

/** Write every upload of one region and period, and record its truth. */
