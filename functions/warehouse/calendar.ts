import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Methodology } from '#core/methodology.ts';
import type { Seed } from './engine.ts';

/** The holiday seed: national holidays and cuti bersama, source named in its header. */
export const HOLIDAYS_FILE = fileURLToPath(new URL('../../sql/seeds/holidays.csv', import.meta.url));

export interface Holiday {
  date: string;
  name: string;
  kind: 'libur_nasional' | 'cuti_bersama';
}

/** Read `sql/seeds/holidays.csv` (lines starting with `#` are comments). */
export function readHolidays(file: string = HOLIDAYS_FILE): Holiday[] {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return lines.slice(1).map((line) => {
    const [date = '', name = '', kind = ''] = line.split(',');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || (kind !== 'libur_nasional' && kind !== 'cuti_bersama')) {
      throw new Error(`${file}: bad holiday line "${line}"`);
    }
    return { date, name, kind };
  });
}

/** Years from `fromYear` to `toYear` for which the holiday file has no SKB rows (methodology v2 rule 9). */
export function yearsWithoutSkb(fromYear: number, toYear: number, holidays: readonly Holiday[]): number[] {
  const covered = new Set(holidays.map((h) => Number(h.date.slice(0, 4))));
  const out: number[] = [];
  for (let y = fromYear; y <= toYear; y++) if (!covered.has(y)) out.push(y);
  return out;
}

/**
 * The holidays in force from `fromYear` to `toYear`: the file's SKB rows, plus, in every year without an
 * SKB, the methodology's fixed-date holidays (none in v1, so v1's calendar is the file alone).
 */
export function holidaysInForce(
  fromYear: number,
  toYear: number,
  m: Pick<Methodology, 'calendar'>,
  holidays: readonly Holiday[] = readHolidays(),
): Holiday[] {
  const fixed = yearsWithoutSkb(fromYear, toYear, holidays).flatMap((y) =>
    m.calendar.fixed_holidays.map(
      (f): Holiday => ({ date: `${y}-${f.month_day}`, name: f.name, kind: 'libur_nasional' }),
    ),
  );
  return [...holidays, ...fixed];
}

/**
 * The working-day calendar from `fromYear`-01-01 to `toYear`-12-31: one row per day with
 * `is_working_day` (Monday–Friday and not a holiday), `working_day_index`, the number of working days
 * up to and including the date (working days elapsed from a to b = index(b) − index(a)), and
 * `is_provisional` (the date's year has no SKB in the holiday file: fixed-date holidays only).
 */
export function calendarSeed(
  fromYear: number,
  toYear: number,
  holidays: readonly Holiday[] = readHolidays(),
  provisionalYears: readonly number[] = [],
): Seed {
  const byDate = new Map(holidays.map((h) => [h.date, h]));
  const provisional = new Set(provisionalYears);
  const rows: (string | number | boolean | null)[][] = [];
  let index = 0;
  for (let t = Date.UTC(fromYear, 0, 1); t <= Date.UTC(toYear, 11, 31); t += 86_400_000) {
    const d = new Date(t);
    const iso = d.toISOString().slice(0, 10);
    const holiday = byDate.get(iso);
    const weekday = d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
    const working = weekday && !holiday;
    if (working) index += 1;
    rows.push([
      iso,
      working,
      index,
      holiday?.name ?? null,
      holiday?.kind ?? null,
      provisional.has(d.getUTCFullYear()),
    ]);
  }
  return {
    name: 'calendar',
    columns: [
      { name: 'calendar_date', type: 'date' },
      { name: 'is_working_day', type: 'boolean' },
      { name: 'working_day_index', type: 'integer' },
      { name: 'holiday_name', type: 'varchar' },
      { name: 'holiday_kind', type: 'varchar' },
      { name: 'is_provisional', type: 'boolean' },
    ],
    rows,
  };
}
