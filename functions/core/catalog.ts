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

/** Whether any file under `dir` (recursively) has the given ending. */
export async function hasFiles(dir: string, ending: '.parquet' | '.json'): Promise<boolean> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.some((e) => e.endsWith(ending));
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
 * Create (or replace) views named as in the data dictionary over a local lake folder, so `pantau query` and the
 * embedded engine see curated tables and marts by name. Also `submissions`: the ledger.
 */
export async function attachLake(duck: Duck, root: string): Promise<string[]> {
  const names: string[] = [];
  for (const t of await lakeTables(root)) {
    if (await hasFiles(t.dir, '.parquet')) {
      await duck.run(
        `CREATE OR REPLACE VIEW ${ident(t.name)} AS SELECT * FROM read_parquet(${literal(t.glob)}, hive_partitioning = true, union_by_name = true, hive_types = {'year': INTEGER, 'quarter': INTEGER})`,
      );
    } else if (t.columns) {
      const cols = [...t.columns, ...PARTITION_COLUMNS].map(
        (c) => `CAST(NULL AS ${c.type}) AS ${ident(c.name)}`,
      );
      await duck.run(`CREATE OR REPLACE VIEW ${ident(t.name)} AS SELECT ${cols.join(', ')} WHERE false`);
    } else continue;
    names.push(t.name);
  }
  await attachLedger(duck, root);
  names.push(SUBMISSIONS_TABLE);
  return names;
}

/** `submissions`: every ledger entry, one row per processed file (columns from {@link LEDGER_COLUMNS}). */
async function attachLedger(duck: Duck, root: string): Promise<void> {
  const glob = join(root, lakeGlob.ledger);
  const columns = Object.entries(LEDGER_COLUMNS);
  const source = (await hasFiles(join(root, lake.ledgerPrefix), '.json'))
    ? `read_json(${literal(glob)}, format = 'auto', columns = {${columns.map(([n, c]) => `${literal(n)}: ${literal(c.type)}`).join(', ')}})`
    : `(SELECT ${columns.map(([n, c]) => `CAST(NULL AS ${c.type}) AS ${ident(n)}`).join(', ')} WHERE false)`;
  await duck.run(`CREATE OR REPLACE VIEW ${SUBMISSIONS_TABLE} AS SELECT * FROM ${source}`);
}

/** Run SQL over a local lake's tables with a fresh embedded engine (closed afterwards). */
export async function queryLake<T = Record<string, unknown>>(root: string, sql: string): Promise<T[]> {
  const duck = await Duck.open();
  try {
    await attachLake(duck, root);
    return await duck.rows<T>(sql);
  } finally {
    duck.close();
  }
}
