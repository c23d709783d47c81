import type { DashboardData, RegionRow } from '#dashboard/model.ts';

/** The page's data, embedded by the builder as JSON in `#pantau-data`. */
export const data: DashboardData = JSON.parse(document.getElementById('pantau-data')?.textContent ?? '{}');

export const regionByCode = new Map(data.regions.map((r) => [r.code, r]));

/** Order: ranked by rank, then unranked by name. */
export function byRank(key: 'rank_national' | 'rank_in_province') {
  return (a: RegionRow, b: RegionRow): number =>
    (a[key] ?? Number.POSITIVE_INFINITY) - (b[key] ?? Number.POSITIVE_INFINITY) ||
    a.name.localeCompare(b.name, 'id');
}

export const provinces: RegionRow[] = data.regions
  .filter((r) => r.level === 'provinsi')
  .sort(byRank('rank_national'));
export const kabKota: RegionRow[] = data.regions
  .filter((r) => r.level !== 'provinsi')
  .sort(byRank('rank_national'));

/** Name of a region code (the code itself when unknown). */
export const regionName = (code: string): string => regionByCode.get(code)?.name ?? code;

/** Province code of a region code. */
export const provinceOf = (code: string): string => regionByCode.get(code)?.province_code ?? code.slice(0, 2);
