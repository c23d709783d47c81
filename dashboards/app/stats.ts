import type { RegionRow } from '#dashboard/model.ts';
import { data } from './data.ts';
import { fmt } from './format.ts';

/** Mean of the numbers present, `null` when there are none. */
export function mean(values: (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return present.length ? present.reduce((s, v) => s + v, 0) / present.length : null;
}

/** The methodology band a score falls in (bands are given with two decimals). */
export function bandOf(score: number): { category: string; label: string } | undefined {
  const rounded = Math.round(score * 100) / 100;
  return (
    data.methodology.bands.find((b) => rounded >= b.min && rounded <= b.max) ??
    data.methodology.bands.find((b) => rounded > b.max)
  );
}

export interface Histogram {
  labels: string[];
  counts: number[];
  /** Category of each bin (of its midpoint), for colouring. */
  categories: (string | undefined)[];
}

/** Index scores of ranked regions in bins of `width` over 0–5. */
export function histogram(rows: RegionRow[], width = 0.25): Histogram {
  const bins = Math.round(5 / width);
  const counts = new Array<number>(bins).fill(0);
  for (const r of rows) {
    if (!r.ranked || r.index_score === null) continue;
    const i = Math.min(bins - 1, Math.max(0, Math.floor(r.index_score / width)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const lower = (i: number) => i * width;
  return {
    labels: counts.map((_, i) => `${fmt(lower(i))}–${fmt(lower(i + 1))}`),
    counts,
    categories: counts.map((_, i) => bandOf(lower(i) + width / 2)?.category),
  };
}

/** Mean index per period (aligned with `data.periods`) over the given regions' history. */
export function meanTrend(codes: string[]): (number | null)[] {
  return data.periods.map((_, i) => mean(codes.map((c) => data.history[c]?.[i])));
}
