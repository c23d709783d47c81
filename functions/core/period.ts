import { invalidPeriodMessage } from './contract/names.ts';

/** A reporting quarter, `YYYY-Qn`. */
export interface Period {
  id: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

const PERIOD_RE = /^(\d{4})-Q([1-4])$/;

/** Parse `2026-Q3` (case-insensitive `q`); `undefined` when malformed or outside 2000–2099. */
export function parsePeriod(input: string): Period | undefined {
  const m = PERIOD_RE.exec(input.trim().toUpperCase());
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 2000 || year > 2099) return undefined;
  const quarter = Number(m[2]) as Period['quarter'];
  return { id: `${year}-Q${quarter}`, year, quarter };
}

export function periodOf(year: number, quarter: number): Period {
  return parsePeriod(`${year}-Q${quarter}`) ?? fail(`bad period ${year}-Q${quarter}`);
}

/** First day of the quarter, `YYYY-MM-DD`. */
export function periodStart(p: Period): string {
  return `${p.year}-${String((p.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/** Last day of the quarter, `YYYY-MM-DD`. */
export function periodEnd(p: Period): string {
  const d = new Date(Date.UTC(p.year, p.quarter * 3, 0));
  return d.toISOString().slice(0, 10);
}

export function previousPeriod(p: Period): Period {
  return p.quarter === 1 ? periodOf(p.year - 1, 4) : periodOf(p.year, p.quarter - 1);
}

export function nextPeriod(p: Period): Period {
  return p.quarter === 4 ? periodOf(p.year + 1, 1) : periodOf(p.year, p.quarter + 1);
}

/** Periods from `a` to `b` inclusive; accepts `2026-Q1..2026-Q4` or a single period. */
export function periodRange(spec: string): Period[] {
  const [from, to = from] = spec.split('..').map((s) => parsePeriod(s));
  if (!from || !to || to.id < from.id) throw new RangeError(invalidPeriodMessage(spec));
  const out: Period[] = [];
  for (let p = from; p.id <= to.id; p = nextPeriod(p)) out.push(p);
  return out;
}

function fail(message: string): never {
  throw new RangeError(message);
}
