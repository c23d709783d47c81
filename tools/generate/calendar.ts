import type { Methodology } from '#core/methodology.ts';
import type { Period } from '#core/period.ts';

/**
 * Times inside the generator are local wall-clock times held as epoch milliseconds read in UTC
 * (`2026-08-12 09:15` local is `Date.UTC(2026, 7, 12, 9, 15)`): exports carry local time without a zone.
 * Upload instants (file mtimes) are real UTC instants.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** First local day of the quarter and the first day after it. */
export function quarterBounds(p: Period): { start: number; end: number } {
  return { start: Date.UTC(p.year, (p.quarter - 1) * 3, 1), end: Date.UTC(p.year, p.quarter * 3, 1) };
}

export function isWeekend(ms: number): boolean {
  // the day of the week as getUTCDay counts it (0 Sunday), from the day number: 1 January 1970 was a Thursday
  const d = (((Math.floor(ms / DAY) + 4) % 7) + 7) % 7;
  return d === 0 || d === 6;
}

/**
 * Add working days, keeping the time of day. Working days are Monday–Friday; national holidays and
 * cuti bersama are not modelled by the generator.
 */
export function addWorkingDays(ms: number, days: number): number {
  let t = ms;
  for (let left = days; left > 0; ) {
    t += DAY;
    if (!isWeekend(t)) left--;
  }
  return t;
}

/** Move a weekend time to the next Monday, same time of day. */
export function nextWorkingDay(ms: number): number {
  let t = ms;
  while (isWeekend(t)) t += DAY;
  return t;
}

/**
 * The last on-time upload instant (UTC ms): 23:59:59 local (UTC+offset) on the day `deadline_days_after_quarter`
 * after the quarter's last day (methodology `submission`).
 */
export function deadlineInstant(p: Period, m: Methodology): number {
  const { end } = quarterBounds(p);
  const s = m.submission;
  return end - DAY + s.deadline_days_after_quarter * DAY + DAY - 1000 - s.timezone_offset_hours * HOUR;
}

export type DateFormat = 'iso' | 'dmy-slash' | 'dmy-dash' | 'id-month' | 'day-name';
export const DATE_FORMATS: readonly DateFormat[] = ['iso', 'dmy-slash', 'dmy-dash', 'id-month', 'day-name'];

/** Indonesian day names, Sunday first (as `getUTCDay`); some officers abbreviate them. */
const DAYS_ID = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', "Jum'at", 'Sabtu'] as const;

export const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A local date in one of the spellings regions use. */
export function formatDate(ms: number, f: DateFormat): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  switch (f) {
    case 'iso':
      return `${y}-${pad(m + 1)}-${pad(day)}`;
    case 'dmy-slash':
      return `${pad(day)}/${pad(m + 1)}/${y}`;
    case 'dmy-dash':
      return `${pad(day)}-${pad(m + 1)}-${y}`;
    case 'id-month':
      return `${day} ${MONTHS_ID[m]} ${y}`;
    case 'day-name':
      return `${DAYS_ID[d.getUTCDay()]}, ${day} ${MONTHS_ID[m]} ${y}`;
  }
}

/** A local timestamp, seconds included; Indonesian month names are used for dates only (ISO then). */
export function formatTimestamp(ms: number, f: DateFormat): string {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${formatDate(ms, f === 'id-month' || f === 'day-name' ? 'iso' : f)} ${time}`;
}

/** An impossible calendar date in the file's spelling (31 February), an invalid-row probe. */
export function impossibleDate(year: number, f: DateFormat): string {
  switch (f) {
    case 'iso':
      return `${year}-02-31`;
    case 'dmy-dash':
      return `31-02-${year}`;
    case 'id-month':
      return `31 Februari ${year}`;
    case 'day-name':
      return `Senin, 31 Februari ${year}`;
    default:
      return `31/02/${year}`;
  }
}
