import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lake, lakeGlob } from './contract/lake.ts';
import { SUBMISSIONS_TABLE } from './contract/names.ts';
import { ident, literal } from './contract/sql.ts';
import type { StoredColumn } from './datasets/definition.ts';
import { PARTITION_COLUMNS } from './datasets/definition.ts';
import { DATASETS } from './datasets/index.ts';
import { Duck } from './duckdb.ts';
import { LEDGER_COLUMNS } from './ledger.ts';

/** A table the embedded engine exposes: a name and the Parquet glob behind it. */
interface LakeTable {
  name: string;
  /** The table's folder, where any Parquet file means the table has data. */
  dir: string;
  glob: string;
  /** Columns for an empty view when no file exists yet (so analysts' SQL never fails on a new lake). */
  columns?: readonly StoredColumn[];
}

/**
 * Whether any file under `dir` (recursively) has the given ending: a folder's files first, then its folders
 * one by one, stopping at the first such file (a lake's folders hold thousands).
 */
export async function hasFiles(dir: string, ending: '.parquet' | '.json'): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  if (entries.some((e) => e.isFile() && e.name.endsWith(ending))) return true;
  for (const e of entries) if (e.isDirectory() && (await hasFiles(join(dir, e.name), ending))) return true;
  return false;
}

/** Curated tables (names from the contract) and every warehouse model found in the lake. */
async function lakeTables(root: string): Promise<LakeTable[]> {
  const tables: LakeTable[] = Object.values(DATASETS).map((d) => ({
    name: d.table,
    dir: join(root, lake.curatedPrefix(d.id)),
    glob: join(root, lakeGlob.curated(d.id)),
    columns: d.stored,
  }));
  const models = await readdir(join(root, lake.warehouseRoot)).catch(() => [] as string[]);
  for (const model of models.sort()) {
    if (/^[a-z][a-z0-9_]*$/.test(model))
      tables.push({
        name: model,
        dir: join(root, lake.warehousePrefix(model)),
        glob: join(root, lakeGlob.warehouse(model)),
      });
  }
  return tables;
}

/**
 * Whether every Parquet file of a glob has the same columns (names and types, in order). Only then may its
 * view read the files without `union_by_name`, which makes every query that binds the view read every file's
 * footer (all periods of the table, each time a model reads it); files of another schema need it, and so
 * does a glob whose columns cannot be compared.
 */
async function sameColumns(duck: Duck, glob: string): Promise<boolean> {
  const rows = duck.rows<{ schemas: number }>(
    `SELECT count(DISTINCT columns)::INTEGER AS schemas FROM (
       SELECT list(name || ' ' || coalesce(duckdb_type, '') ORDER BY column_id) AS columns
       FROM parquet_schema(${literal(glob)}) GROUP BY file_name)`,
  );
  // a file that is not Parquet fails here too: left to the view, whose error names the statement
  return (await rows.catch(() => []))[0]?.schemas === 1;
}

/** Whether a table's name is a word of an SQL text (in any case): the lake tables a statement reads. */
export const mentionedIn =
  (sql: string) =>
  (name: string): boolean =>
    new RegExp(`\\b${name}\\b`, 'i').test(sql);

/**
 * Create (or replace) views named as in the data dictionary over a local lake folder, so `pantau query` and the
 * embedded engine see curated tables and marts by name. Also `submissions`: the ledger. Returns the names of
 * the lake's tables; views are made for those `wanted` names only (all by default). A view costs a read of
 * every footer of its table, all periods (about 0.8 s for all the tables of the demo's lake or a national
 * one): a statement that reads a mart need not wait for the curated tables.
 */
export async function attachLake(
  duck: Duck,
  root: string,
  wanted: (name: string) => boolean = () => true,
): Promise<string[]> {
  const names: string[] = [];
  for (const t of await lakeTables(root)) {
    const hasData = await hasFiles(t.dir, '.parquet');
    if (!hasData && !t.columns) continue;
    names.push(t.name);
    if (!wanted(t.name)) continue;
    if (hasData) {
      const union = (await sameColumns(duck, t.glob)) ? '' : ', union_by_name = true';
      await duck.run(
        `CREATE OR REPLACE VIEW ${ident(t.name)} AS SELECT * FROM read_parquet(${literal(t.glob)}, hive_partitioning = true${union}, hive_types = {'year': INTEGER, 'quarter': INTEGER})`,
      );
    } else {
      const cols = [...(t.columns ?? []), ...PARTITION_COLUMNS].map(
        (c) => `CAST(NULL AS ${c.type}) AS ${ident(c.name)}`,
      );
      await duck.run(`CREATE OR REPLACE VIEW ${ident(t.name)} AS SELECT ${cols.join(', ')} WHERE false`);
    }
  }
  names.push(SUBMISSIONS_TABLE);
  if (wanted(SUBMISSIONS_TABLE)) await attachLedger(duck, root);
  return names;
}

/**
 * `submissions`: every ledger entry, one row per processed file (columns from {@link LEDGER_COLUMNS}). Each
 * entry is one JSON object in a file of its own: the files are read as text and each parsed into the columns
 * (`from_json`, the conversion `read_json` makes), which costs about 60 % of `read_json`'s per-file work on a
 * ledger of thousands of small files.
 */
async function attachLedger(duck: Duck, root: string): Promise<void> {
  const globs = lakeGlob.ledger.map((g) => literal(join(root, g))).join(', ');
  const columns = Object.entries(LEDGER_COLUMNS);
  const shape = JSON.stringify(Object.fromEntries(columns.map(([n, c]) => [n, c.type])));
  const source = (await hasFiles(join(root, lake.ledgerPrefix), '.json'))
    ? `(SELECT unnest(from_json(content, ${literal(shape)})) FROM read_text([${globs}]))`
    : `(SELECT ${columns.map(([n, c]) => `CAST(NULL AS ${c.type}) AS ${ident(n)}`).join(', ')} WHERE false)`;
  await duck.run(`CREATE OR REPLACE VIEW ${SUBMISSIONS_TABLE} AS SELECT * FROM ${source}`);
}

/** Run SQL over the local lake's tables it names, with a fresh embedded engine (closed afterwards). */
export async function queryLake<T = Record<string, unknown>>(root: string, sql: string): Promise<T[]> {
  const duck = await Duck.open();
  try {
    await attachLake(duck, root, mentionedIn(sql));
    return await duck.rows<T>(sql);
  } finally {
    duck.close();
  }
}
