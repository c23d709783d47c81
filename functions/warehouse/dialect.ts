import type { Duck } from '#core/duckdb.ts';

/**
 * The one place where Trino (Athena) and DuckDB differ for the models in `sql/`.
 *
 * Models are written in Trino SQL. The DuckDB engine installs, before any model runs, macros named like the
 * Trino functions the models use that DuckDB lacks or spells differently. Rules the models follow so that
 * no macro is needed elsewhere:
 * - divide as `cast(a as double) / b` (Trino divides integers as integers, DuckDB does not);
 * - `date_diff('day', a, b)` only on DATE values (on timestamps Trino counts whole 24 h spans, DuckDB
 *   counts midnights crossed);
 * - exact medians through `row_number()`/`count(*)` windows (Trino has only `approx_percentile`);
 * - `case` rather than `if`, `concat_ws` for optional lists, `count_if` for conditional counts.
 */
export const TRINO_MACROS: readonly { name: string; sql: string; doc: string }[] = [
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
