import type { Methodology } from '#core/methodology.ts';
import type { Period } from '#core/period.ts';
import { DAY, HOUR, isWeekend, quarterBounds } from './calendar.ts';
import type { Row } from './cells.ts';
import { krejcieMorgan, UNSUR } from './integrity.ts';
import type { Rng } from './random.ts';
import type { PlantedFlag } from './scale.ts';
import type { Unit } from './units.ts';

const EDUCATION: readonly (readonly [string, number])[] = [
  ['SD', 0.12],
  ['SMP', 0.15],
  ['SMA', 0.38],
  ['D1–D3', 0.1],
  ['D4/S1', 0.2],
  ['S2', 0.04],
  ['S3', 0.01],
];
const OCCUPATION: readonly (readonly [string, number])[] = [
  ['PNS', 0.1],
  ['TNI', 0.02],
  ['POLRI', 0.02],
  ['Swasta', 0.3],
  ['Wirausaha', 0.26],
  ['Lainnya', 0.3],
];

/** Respondents of a unit in a quarter: most reach the Krejcie–Morgan sample, some do not; never at its edge. */
export function respondentCount(rng: Rng, unit: Unit, m: Methodology): number {
  const km = krejcieMorgan(unit.annualUsers, m);
  const coverage = rng.chance(0.78) ? rng.uniform(1.08, 1.6) : rng.uniform(0.35, 0.88);
  const n = Math.max(15, Math.round(km * coverage));
  if (Math.abs(n - km) <= 2) return n >= km ? km + 3 : Math.max(15, km - 3);
  return n;
}

/** A random working day of the quarter (local midnight). */
function workingDay(rng: Rng, p: Period): number {
  const { start, end } = quarterBounds(p);
  for (;;) {
    const d = start + rng.int(0, (end - start) / DAY - 1) * DAY;
    if (!isWeekend(d)) return d;
  }
}

const clampScore = (x: number) => Math.min(4, Math.max(1, Math.round(x)));

/** One honest questionnaire: scores from the unit's quality plus respondent mood and noise. */
function honest(rng: Rng, unit: Unit, p: Period): Row {
  const day = workingDay(rng, p);
  const mood = rng.normal(0, 0.3);
  const row: Row = {
    service_type: rng.pick(unit.type.services),
    survey_date: day,
    gender: rng.chance(0.52) ? 'P' : 'L',
    age: Math.min(80, Math.max(17, Math.round(rng.normal(38, 12)))),
    education: rng.weighted(EDUCATION),
    occupation: rng.weighted(OCCUPATION),
    submitted_at: day + 8 * HOUR + rng.int(0, 27_000) * 1000,
  };
  unit.offsets.forEach((o, i) => {
    row[UNSUR[i]!] =
      rng.chance(0.01) && i > 0 ? null : clampScore(unit.quality + mood + o + rng.normal(0, 0.55));
  });
  return row;
}

/** Overwrite all nine answers with one value. */
function straighten(row: Row, value: number): Row {
  for (const u of UNSUR) row[u] = value;
  return row;
}

/** A unit's questionnaires of a quarter, in submission order, with any planted behaviour. */
export function skmRows(
  rng: Rng,
  unit: Unit,
  p: Period,
  count: number,
  planted: ReadonlySet<PlantedFlag>,
): Row[] {
  const copies = planted.has('skm_duplicates') ? Math.round(count * rng.uniform(0.12, 0.2)) : 0;
  const burst = planted.has('skm_burst') ? rng.int(22, 32) : 0;
  const rows = Array.from({ length: Math.max(count - copies - burst, 20) }, () => honest(rng, unit, p));
  if (planted.has('skm_straightlining'))
    for (const r of rows) if (rng.chance(0.75)) straighten(r, rng.chance(0.85) ? 3 : 4);
  if (planted.has('skm_all_max')) for (const r of rows) if (rng.chance(0.7)) straighten(r, 4);
  if (burst > 0) {
    let t = workingDay(rng, p) + 9 * HOUR + rng.int(0, 3600) * 1000;
    for (let i = 0; i < burst; i++) {
      const r = straighten(honest(rng, unit, p), rng.chance(0.8) ? 4 : 3);
      t += rng.int(6, 15) * 1000;
      r.survey_date = t - (t % DAY);
      r.submitted_at = t;
      rows.push(r);
    }
  }
  for (let i = 0; i < copies; i++) rows.push({ ...rng.pick(rows) });
  rows.sort((a, b) => (a.submitted_at as number) - (b.submitted_at as number));
  rows.forEach((r, i) => {
    r.response_id = `${unit.id}-${p.year % 100}${p.quarter}-${String(i + 1).padStart(5, '0')}`;
    r.unit_id = unit.id;
    r.unit_name = unit.name;
  });
  return rows;
}
