import type { ColumnInfo, ResultSet } from '@aws-sdk/client-athena';
import { ident, literal, referencedNames } from '#core/contract/sql.ts';
import type { Seed, SeedValue } from '#warehouse/engine.ts';

/**
 * A seed as a Trino SELECT over VALUES: literals inside, one CAST per column outside, so NULLs and mixed
 * numbers type correctly. Seeds come from code (regions, calendar, methodology), never from uploads.
 */
export function seedSelect(seed: Seed): string {
  const casts = seed.columns.map((c, i) => `CAST(c${i} AS ${c.type}) AS ${ident(c.name)}`).join(', ');
  if (seed.rows.length === 0) {
    return `SELECT ${seed.columns.map((c) => `CAST(NULL AS ${c.type}) AS ${ident(c.name)}`).join(', ')} WHERE false`;
  }
  const rows = seed.rows.map((r) => `(${seed.columns.map((_, i) => value(r[i] ?? null)).join(', ')})`);
  const aliases = seed.columns.map((_, i) => `c${i}`).join(', ');
  return `SELECT ${casts} FROM (VALUES ${rows.join(',\n')}) AS t (${aliases})`;
}

function value(v: SeedValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`seed value is not finite: ${v}`);
    return String(v);
  }
  return literal(v);
}

/**
 * Prefix `sql` with a WITH clause defining the relations it uses, directly or through other relations
 * (`defs` in dependency order: seeds, then models). Athena has no temporary tables; this keeps the run's
 * intermediate relations out of the Glue catalog. Unused definitions are left out.
 */
export function withRelations(sql: string, defs: ReadonlyMap<string, string>): string {
  const needed = new Set<string>();
  const visit = (text: string) => {
    const fresh = [...referencedNames(text, defs.keys())].filter((n) => !needed.has(n));
    for (const name of fresh) needed.add(name);
    for (const name of fresh) visit(defs.get(name)!);
  };
  visit(sql);
  if (needed.size === 0) return sql;
  const ctes = [...defs]
    .filter(([name]) => needed.has(name))
    .map(([name, body]) => `${ident(name)} AS (\n${body}\n)`);
  return `WITH ${ctes.join(',\n')}\nSELECT * FROM (\n${sql}\n) AS q`;
}

/** Rows of a SELECT's result pages as JSON-safe objects; BIGINT and DECIMAL stay strings (as with DuckDB). */
export async function resultRows<T>(pages: AsyncIterable<ResultSet>): Promise<T[]> {
  const out: T[] = [];
  let columns: ColumnInfo[] | undefined;
  for await (const page of pages) {
    const rows = page.Rows ?? [];
    if (!columns) {
      columns = page.ResultSetMetadata?.ColumnInfo ?? [];
      const header = rows[0]?.Data?.map((d) => d.VarCharValue);
      if (header?.every((h, i) => h === columns?.[i]?.Name)) rows.shift();
    }
    for (const row of rows) {
      const obj: Record<string, unknown> = {};
      columns.forEach((c, i) => {
        obj[c.Name ?? `_${i}`] = convert(row.Data?.[i]?.VarCharValue, c.Type);
      });
      out.push(obj as T);
    }
  }
  return out;
}

const NUMERIC = new Set(['integer', 'tinyint', 'smallint', 'double', 'float', 'real']);

function convert(v: string | undefined, type: string | undefined): unknown {
  if (v === undefined) return null;
  if (type === 'boolean') return v === 'true';
  if (type && NUMERIC.has(type)) return Number(v);
  return v;
}
