import { impossibleDate } from './calendar.ts';
import type { Row } from './cells.ts';
import type { UnitRows } from './emit.ts';
import type { FilePlan, InvalidKind, SubmissionPlan } from './plan.ts';
import type { Rng } from './random.ts';

/** An invalid SKM row written into a file (counted, never part of the truth's statistics). */
export type Probe = Row;

/** Copy a real questionnaire of the unit and break it the way `kind` says. */
function probe(rng: Rng, s: SubmissionPlan, f: FilePlan, g: UnitRows, kind: InvalidKind, n: number): Probe {
  const base = rng.pick(g.rows);
  const row: Row = { ...base, response_id: `${base.response_id as string}-K${n}` };
  switch (kind) {
    case 'score':
      row[`u${rng.int(1, 9)}`] = rng.pick([0, 5]);
      break;
    case 'bad-date':
      row.survey_date = { raw: impossibleDate(s.period.year, f.style.dateFormat) };
      break;
    case 'empty-required':
      // without its code and its name, the unit cannot be told
      row.unit_id = null;
      row.unit_name = null;
      break;
    case 'duplicate-id':
      row.response_id = rng.pick(g.rows).response_id ?? null;
      row.u1 = base.u1 === 4 ? 3 : 4;
      break;
  }
  return row;
}

/**
 * The invalid rows to write after a unit's rows: about 0.5 % of the file per planted kind, in the victim unit
 * only, or about 12 % in every unit of a file meant to be rejected for too many invalid rows.
 */
export function probes(
  rng: Rng,
  s: SubmissionPlan,
  f: FilePlan,
  g: UnitRows & { victim?: boolean; fileRows?: number },
): Probe[] {
  if (g.rows.length === 0) return [];
  if (f.malformed === 'too-many-invalid') {
    return Array.from({ length: Math.ceil(g.rows.length * 0.12) }, (_, i) =>
      probe(rng, s, f, g, i % 2 ? 'score' : 'bad-date', i),
    );
  }
  if (!g.victim || f.invalid.length === 0) return [];
  const each = Math.max(1, Math.floor((g.fileRows ?? 0) * 0.005));
  const kinds = (g.fileRows ?? 0) < 150 ? f.invalid.slice(0, 1) : f.invalid;
  return kinds.flatMap((k) => Array.from({ length: each }, (_, i) => probe(rng, s, f, g, k, i)));
}
