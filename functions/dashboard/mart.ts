import { type Duck, ident } from '#core/duckdb.ts';

/** A column the dashboard reads from a mart, normalised to one name and type. */
export interface Field {
  /** Name in the dashboard query. */
  as: string;
  type: 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';
  /** Mart column names to try, in order. @default [as] */
  from?: readonly string[];
  /** SQL expression over the mart's columns used when none of `from` exists. @default NULL */
  fallback?: string;
}

/** Column names of a table or view; empty when it does not exist. */
async function columnsOf(duck: Duck, table: string): Promise<Set<string>> {
  const rows = await duck.rows<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_name = $1',
    [table],
  );
  return new Set(rows.map((r) => r.column_name));
}

function select(field: Field, columns: Set<string>): string {
  const source = (field.from ?? [field.as]).find((c) => columns.has(c));
  const expr = source ? ident(source) : (field.fallback ?? 'NULL');
  const cast = `TRY_CAST(${expr} AS ${field.type})`;
  return `${field.type === 'DOUBLE' ? `round(${cast}, 4)` : cast} AS ${ident(field.as)}`;
}

/**
 * A subquery over a mart that exposes exactly `fields` plus `period`, whatever extra or missing columns
 * the mart has (marts grow; the dashboard reads defensively by name). `undefined` when the mart is absent.
 * `period` falls back to the year/quarter partition columns.
 */
export async function martSource(
  duck: Duck,
  table: string,
  fields: readonly Field[],
): Promise<string | undefined> {
  const columns = await columnsOf(duck, table);
  if (columns.size === 0) return undefined;
  const period: Field = { as: 'period', type: 'VARCHAR', fallback: "concat(year, '-Q', quarter)" };
  const list = [period, ...fields].map((f) => select(f, columns)).join(', ');
  return `(SELECT ${list} FROM ${ident(table)})`;
}

/** Rows of a mart for one period (or `[]` when the mart is absent). */
export async function martRows<T>(
  duck: Duck,
  table: string,
  fields: readonly Field[],
  period: string,
  orderBy: string,
): Promise<T[]> {
  const source = await martSource(duck, table, fields);
  if (!source) return [];
  const names = fields.map((f) => ident(f.as)).join(', ');
  return duck.rows<T>(`SELECT ${names} FROM ${source} AS m WHERE period = $1 ORDER BY ${orderBy}`, [period]);
}
