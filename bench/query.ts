import { alternate, fmt, measure } from './measure.ts';

/** What an analyst types first: one mart, one period's rows counted. */
const MART_QUERY = 'select count(*) as n from service_index_region';

/**
 * `pantau query` on a lake as an analyst runs it, a whole process: a count over one mart against `select 1`
 * (the CLI's start and an engine, no table), alternating, medians of 3. The difference is what the lake
 * costs a query.
 */
export function benchQuery(lake: string): void {
  const query = (sql: string) => () => measure('node', ['bin/pantau.js', 'query', sql, '--lake', lake]);
  const r = alternate(3, { mart: query(MART_QUERY), start: query('select 1 as x') });
  console.log(
    `  pantau query "${MART_QUERY}": ${fmt(r.mart.seconds)} s; "select 1": ${fmt(r.start.seconds)} s; the lake's part ${fmt(r.mart.seconds - r.start.seconds)} s (runs ${r.mart.all.map((s) => fmt(s)).join(', ')} / ${r.start.all.map((s) => fmt(s)).join(', ')})`,
  );
}
