/** Indonesian number and date formatting (Intl `id-ID`: 3,45 and 1.234); missing values as an em dash. */
const LOCALE = 'id-ID';
export const MISSING = '—';

const decimals = new Map<number, Intl.NumberFormat>();
function formatter(digits: number): Intl.NumberFormat {
  let f = decimals.get(digits);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    decimals.set(digits, f);
  }
  return f;
}

const usable = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** A number with fixed decimals (`3,45`). */
export const fmt = (v: number | null | undefined, digits = 2): string =>
  usable(v) ? formatter(digits).format(v) : MISSING;

/** A count (`1.234`). */
export const count = (v: number | null | undefined): string => fmt(v, 0);

/** A share 0–1 as a percentage (`12,5 %`). */
export const percent = (v: number | null | undefined): string =>
  usable(v) ? `${fmt(v * 100, 1)} %` : MISSING;

const dateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A date or timestamp string (`2026-07-10`, `2026-07-10 08:00:00`) as `10 Jul 2026`. */
export function date(value: string | null | undefined): string {
  if (!value) return MISSING;
  const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? value : dateFormat.format(d);
}

const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** A wall-clock time string (`2026-10-15 23:10`, already in its zone) as `15 Okt 2026 23.10`. */
export function dateTime(value: string | null | undefined): string {
  if (!value) return MISSING;
  const d = new Date(`${value.slice(0, 16).replace(' ', 'T')}:00Z`);
  return Number.isNaN(d.getTime()) ? value : dateTimeFormat.format(d);
}
