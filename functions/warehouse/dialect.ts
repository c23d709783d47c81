import type { Duck } from '#core/duckdb.ts';

/**
 * The one place where Trino (Athena) and DuckDB differ for the models in `sql/`.
 *
 * Models are written in Trino SQL. The DuckDB engine installs, before any model runs, macros named like the
 * Trino functions the models use that DuckDB lacks or spells differently. Rules the models follow so that
 * no macro is needed elsewhere:
 * - divide as `cast(a as double) / b` (Trino divides integers as integers, DuckDB does not);
 * - `date_diff(unit, a, b)` and `date_add(unit, n, d)` in Trino's argument order (macros below give them
 *   Trino's meaning: whole units elapsed; wrap `date_add` on a DATE in `cast(… as date)`, DuckDB returns
 *   a timestamp);
 * - exact medians through `row_number()`/`count(*)` windows (Trino has only `approx_percentile`);
 * - `case` rather than `if`, `concat_ws` for optional lists, `count_if` for conditional counts.
 */
const SECONDS =
  "CASE lower(unit) WHEN 'second' THEN 1 WHEN 'minute' THEN 60 WHEN 'hour' THEN 3600 WHEN 'day' THEN 86400 WHEN 'week' THEN 604800 END";

export const TRINO_MACROS: readonly { name: string; sql: string; doc: string }[] = [
  {
    name: 'date_diff',
    sql: `CREATE OR REPLACE MACRO date_diff(unit, a, b) AS CASE WHEN (${SECONDS}) IS NULL THEN datediff(unit, a, b)
      ELSE CAST(trunc((epoch(CAST(b AS TIMESTAMP)) - epoch(CAST(a AS TIMESTAMP))) / (${SECONDS})) AS BIGINT) END`,
    doc: 'whole seconds … weeks elapsed from a to b, as Trino (DuckDB natively counts boundaries crossed); month and year units are not aligned: do not use them in models',
  },
  {
    name: 'date_add',
    sql: `CREATE OR REPLACE MACRO date_add(unit, n, d) AS d + CASE lower(unit)
      WHEN 'month' THEN to_months(CAST(n AS INTEGER)) WHEN 'quarter' THEN to_months(CAST(3 * n AS INTEGER))
      WHEN 'year' THEN to_years(CAST(n AS INTEGER)) ELSE to_seconds(CAST(n AS BIGINT) * (${SECONDS})) END`,
    doc: 'd plus n units (Trino argument order)',
  },
  {
    name: 'day_of_week',
    sql: 'CREATE OR REPLACE MACRO day_of_week(d) AS isodow(d)',
    doc: 'ISO day of week, Monday = 1 … Sunday = 7',
  },
  {
    name: 'from_iso8601_date',
    sql: 'CREATE OR REPLACE MACRO from_iso8601_date(s) AS CAST(s AS DATE)',
    doc: "'YYYY-MM-DD' → DATE",
  },
  {
    name: 'to_iso8601',
    sql: "CREATE OR REPLACE MACRO to_iso8601(d) AS strftime(d, '%Y-%m-%d')",
    doc: 'DATE → ISO text',
  },
];

/** Install the Trino-named macros into a DuckDB connection. */
export async function installTrinoDialect(duck: Duck): Promise<void> {
  for (const m of TRINO_MACROS) {
    await duck.run(m.sql);
  }
}
