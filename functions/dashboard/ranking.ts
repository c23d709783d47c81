import type { Duck } from '#core/duckdb.ts';
import { region as regionOf } from '#core/regions.ts';
import { type Field, martRows, martSource } from './mart.ts';
import type { RegionRow } from './model.ts';

/** The mart every page starts from. */
export const INDEX_MART = 'service_index_region';

/** Periods of trend charts kept in the page. */
const MAX_PERIODS = 8;

const num = (as: string, from?: string[]): Field => ({ as, type: 'DOUBLE', ...(from ? { from } : {}) });
const int = (as: string): Field => ({ as, type: 'INTEGER' });
const text = (as: string, from?: string[]): Field => ({ as, type: 'VARCHAR', ...(from ? { from } : {}) });

const INDEX_FIELDS: readonly Field[] = [
  text('code', ['region_code']),
  text('name', ['region_name']),
  text('level'),
  text('province_code'),
  ...['index_score', 'ikm_score', 'complaint_score', 'fkp_score'].map((c) => num(c)),
  text('category'),
  text('category_label'),
  ...['rank_national', 'rank_in_province', 'rank_change', 'respondents'].map(int),
  { as: 'ranked', type: 'BOOLEAN', fallback: 'rank_national IS NOT NULL' },
  text('not_ranked_reason'),
  num('ikm_konversi'),
  text('mutu'),
];

/** The latest period with a service index, or `undefined` on a lake without one. */
export async function latestPeriod(duck: Duck): Promise<string | undefined> {
  const source = await martSource(duck, INDEX_MART, []);
  if (!source) return undefined;
  const [row] = await duck.rows<{ period: string | null }>(
    `SELECT max(period) AS period FROM ${source} AS m`,
  );
  return row?.period ?? undefined;
}

/** The last periods with a service index up to `period`, oldest first. */
export async function indexPeriods(duck: Duck, period: string): Promise<string[]> {
  const source = await martSource(duck, INDEX_MART, []);
  if (!source) return [];
  const rows = await duck.rows<{ period: string }>(
    `SELECT DISTINCT period FROM ${source} AS m WHERE period <= $1 ORDER BY period DESC LIMIT ${MAX_PERIODS}`,
    [period],
  );
  return rows.map((r) => r.period).reverse();
}

/** Every region of the period's service index, with complaint and FKP volumes joined by region. */
export async function regionRows(duck: Duck, period: string): Promise<RegionRow[]> {
  const rows = await martRows<RegionRow>(duck, INDEX_MART, INDEX_FIELDS, period, 'code');
  const received = await volumes(duck, 'complaint_region', ['received', 'complaints_received'], period);
  const forums = await volumes(duck, 'fkp_region', ['forums', 'fkp_forums'], period);
  return rows.map((r) => {
    const known = regionOf(r.code);
    return {
      ...r,
      name: r.name ?? known?.name ?? r.code,
      level: r.level ?? known?.level ?? 'kabupaten',
      province_code: r.province_code ?? known?.province_code ?? r.code.slice(0, 2),
      ranked: r.ranked === true,
      complaints_received: received.get(r.code) ?? null,
      fkp_forums: forums.get(r.code) ?? null,
    };
  });
}

async function volumes(
  duck: Duck,
  mart: string,
  from: string[],
  period: string,
): Promise<Map<string, number>> {
  const fields = [text('code', ['region_code']), num('value', from)];
  const rows = await martRows<{ code: string; value: number | null }>(duck, mart, fields, period, 'code');
  return new Map(rows.filter((r) => r.value !== null).map((r) => [r.code, r.value as number]));
}

/** Index score per region over `periods` (aligned), `null` where the region was not ranked. */
export async function indexHistory(
  duck: Duck,
  periods: string[],
): Promise<Record<string, (number | null)[]>> {
  const source = await martSource(
    duck,
    INDEX_MART,
    INDEX_FIELDS.filter((f) => ['code', 'index_score', 'ranked'].includes(f.as)),
  );
  const history: Record<string, (number | null)[]> = {};
  if (!source || periods.length === 0) return history;
  const rows = await duck.rows<{ code: string; period: string; score: number | null }>(
    `SELECT code, period, CASE WHEN ranked THEN round(index_score, 3) END AS score FROM ${source} AS m
     WHERE period BETWEEN $1 AND $2`,
    [periods[0]!, periods.at(-1)!],
  );
  for (const r of rows) {
    const at = periods.indexOf(r.period);
    if (at < 0) continue;
    history[r.code] ??= periods.map(() => null);
    history[r.code]![at] = r.score;
  }
  return history;
}
