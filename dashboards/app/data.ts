import type { ComplianceRow, DashboardData, FlagData, FlagRow, RegionRow } from '#dashboard/model.ts';
import { unpack } from '#dashboard/pack.ts';

const embedded: DashboardData = JSON.parse(document.getElementById('pantau-data')?.textContent ?? '{}');

/** The page's data (embedded by the builder as JSON in `#pantau-data`), row lists unpacked. */
export const data = {
  ...embedded,
  regions: unpack<RegionRow>(embedded.regions),
  compliance: unpack<ComplianceRow>(embedded.compliance),
  flags: { ...embedded.flags, rows: unpack<FlagRow>(embedded.flags.rows) } as Omit<FlagData, 'rows'> & {
    rows: FlagRow[];
  },
};

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

/** Link target of a region's own page. */
export const regionHref = (code: string): string => `#/wilayah/${code}`;

/** A region's index score in the period before this one (from the trend), if it was ranked then. */
export function previousScore(code: string): number | null {
  const at = data.periods.indexOf(data.period);
  return at > 0 ? (data.history[code]?.[at - 1] ?? null) : null;
}

/** Regions of the same ranking group (provinces, or kabupaten/kota) as `r`. */
export const peers = (r: RegionRow): RegionRow[] => (r.level === 'provinsi' ? provinces : kabKota);
