import type { Column } from '#core/datasets/columns.ts';
import { QUESTIONNAIRE } from '#core/datasets/questionnaire.ts';
import { formatTimestamp } from './calendar.ts';
import type { Cell, Out } from './cells.ts';
import type { Rng } from './random.ts';

/**
 * Columns a forms-tool export has no place for: the unit code (the respondent chooses the unit by its name),
 * the respondent id, the survey date, two profile questions.
 */
const NOT_IN_FORMS = new Set(['unit_id', 'response_id', 'survey_date', 'education', 'occupation']);

/** The columns a forms export always has, whatever the region leaves out: the unit's name carries the unit. */
export const FORMS_REQUIRED = new Set(['unit_name']);

/** The columns of a forms export of SKM: the unit by name only, the form's timestamp for the survey date. */
export const formsColumns = (columns: [string, Column][]) =>
  columns.filter(([name]) => !NOT_IN_FORMS.has(name));

/** A question as a unit's form prints it: "Saudara" or "Anda", with or without its question mark. */
function question(rng: Rng, i: number): string {
  let q: string = QUESTIONNAIRE[i]!.question;
  if (rng.chance(0.3)) q = q.replace('Saudara', 'Anda');
  if (rng.chance(0.3)) q = q.replace(/\?$/, '');
  return q;
}

/** How forms title their questions besides U1…U9 (the unit question as units word it, a choice list of names). */
const FORMS_HEADERS: Record<string, readonly string[]> = {
  submitted_at: ['Stempel waktu'],
  unit_name: ['Unit Layanan yang Dikunjungi', 'Unit Layanan', 'Unit Pelayanan', 'Nama Unit Layanan'],
  service_type: ['Jenis Layanan'],
};

/** Header texts of a forms export: the questions for U1…U9, the form's own names for the rest. */
export function formsHeaders(rng: Rng, columns: [string, Column][], plain: string[]): string[] {
  return columns.map(([name], i) => {
    const unsur = /^u([1-9])$/.exec(name);
    if (unsur) return question(rng, Number(unsur[1]) - 1);
    const own = FORMS_HEADERS[name];
    return own ? rng.pick(own) : plain[i]!;
  });
}

/** A forms export's cell: answer words for U1…U9, the timestamp as forms tools write it (DD/MM/YYYY HH:MM:SS). */
export function formsCell(name: string, fallback: (v: Cell) => Out): (v: Cell) => Out {
  const unsur = /^u([1-9])$/.exec(name);
  if (unsur) {
    const answers = QUESTIONNAIRE[Number(unsur[1]) - 1]!.answers;
    return (v) => (typeof v === 'number' && answers[v - 1] ? answers[v - 1]! : fallback(v));
  }
  if (name === 'submitted_at')
    return (v) => (typeof v === 'number' ? formatTimestamp(v, 'dmy-slash') : fallback(v));
  return fallback;
}
