import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachLake } from '#core/catalog.ts';
import { lake, parseWarehouseKey } from '#core/contract/lake.ts';
import { CURATED_TABLES, SUBMISSIONS_TABLE } from '#core/contract/names.ts';
import { PARTITION_COLUMNS } from '#core/datasets/definition.ts';
import { Duck, ident, literal } from '#core/duckdb.ts';
import type { LocalStore } from '#core/local-store.ts';
import type { Period } from '#core/period.ts';
import { installTrinoDialect } from './dialect.ts';
import { curatedPeriodFilter, type Model, type QueryEngine, runPeriodSeed, type Seed } from './engine.ts';

/** The view over the ledger's JSON files, and the table it is copied to once per period built. */
const LEDGER_FILES = 'ledger_files';
const LEDGER_COPY = 'ledger_copy';
/** The view over all of a curated table's files; the table's own name reads it narrowed to the bound period. */
const allPeriods = (table: string) => `${table}_all_periods`;

/**
 * The embedded engine: DuckDB in memory over a local lake folder. Curated tables and marts are views
 * (attachLake), a curated table's narrowed to the bound period. The ledger (`submissions`) reads its JSON
 * files until a period is bound, then a table copied from them for each period built, so the several
 * models that read it parse thousands of small files once per period, and all of a period's models see
 * the same entries. Seeds are tables, staging models views, intermediate models tables; a mart partition
 * is written to a temp Parquet file and moved into place by the store (atomic rename), rows sorted so equal
 * inputs give equal files.
 */
export class DuckDbEngine implements QueryEngine {
  readonly name = 'duckdb';
  private constructor(
    readonly duck: Duck,
    private readonly store: LocalStore,
    private readonly scratch: string,
  ) {}

  /** Open an engine on a local lake; `threads` defaults to 2. */
  static async open(store: LocalStore, options: { threads?: number } = {}): Promise<DuckDbEngine> {
    const scratch = await mkdtemp(join(tmpdir(), 'pantau-transform-'));
    const duck = await Duck.open({ threads: options.threads ?? 2, tempDirectory: join(scratch, 'spill') });
    try {
      // No statement of a run needs rows in the order they were read: marts are written sorted, and no model
      // depends on the order of its input (docs/performance.md, "Transform"). Keeping it costs the SKM
      // profile's aggregates ~10 % of their CPU; the JSON reader of the ledger copy holds a buffer per file.
      await duck.run('SET preserve_insertion_order = false');
      await installTrinoDialect(duck);
      await attachLake(duck, store.root);
      await duck.run(`ALTER VIEW ${SUBMISSIONS_TABLE} RENAME TO ${LEDGER_FILES}`);
      await duck.run(`CREATE VIEW ${SUBMISSIONS_TABLE} AS SELECT * FROM ${LEDGER_FILES}`);
      for (const table of CURATED_TABLES) {
        await duck.run(`ALTER VIEW ${ident(table)} RENAME TO ${ident(allPeriods(table))}`);
        await duck.run(`CREATE VIEW ${ident(table)} AS SELECT * FROM ${ident(allPeriods(table))}`);
      }
    } catch (e) {
      duck.close();
      throw e;
    }
    return new DuckDbEngine(duck, store, scratch);
  }

  run(sql: string): Promise<void> {
    return this.duck.run(sql);
  }

  rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    return this.duck.rows<T>(sql);
  }

  /**
   * The seed's rows go in as one JSON parameter, parsed into the column types by the engine: a parameter
   * per value took ~0.1 s for the seeds of a run (the calendar's 8,800 values), on the run's single thread.
   */
  async loadSeed(seed: Seed): Promise<void> {
    const cols = seed.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
    await this.duck.run(`CREATE OR REPLACE TABLE ${ident(seed.name)} (${cols})`);
    if (seed.rows.length === 0) return;
    const shape = [Object.fromEntries(seed.columns.map((c, i) => [`v${i}`, c.type.toUpperCase()]))];
    const rows = seed.rows.map((r) => Object.fromEntries(r.map((v, i) => [`v${i}`, v])));
    await this.duck.run(
      `INSERT INTO ${ident(seed.name)} SELECT ${seed.columns.map((_, i) => `r.v${i}`).join(', ')}
       FROM (SELECT unnest(from_json(CAST($rows AS VARCHAR), ${literal(JSON.stringify(shape))})) AS r)`,
      { rows: JSON.stringify(rows) },
    );
  }

  /**
   * `run_period` describes `period`; each curated table reads its files narrowed to it by literal values
   * (partitions pruned as the statement is planned; a join with `run_period` costs a probe per row);
   * `submissions` is the ledger as it is now.
   */
  async bindPeriod(period: Period): Promise<void> {
    await copyLedger(this.duck);
    await this.loadSeed(runPeriodSeed(period));
    for (const table of CURATED_TABLES)
      await this.duck.run(
        `CREATE OR REPLACE VIEW ${ident(table)} AS SELECT * FROM ${ident(allPeriods(table))} WHERE ${curatedPeriodFilter(table, period)}`,
      );
  }

  /** Staging models (rename and cast) become views, read column-pruned by each consumer; others tables. */
  async createRelation(model: Model): Promise<void> {
    const kind = model.layer === 'staging' ? 'VIEW' : 'TABLE';
    await this.duck.run(`CREATE OR REPLACE ${kind} ${ident(model.name)} AS ${model.sql}`);
  }

  async writePartition(model: Model, period: Period): Promise<void> {
    const tmp = join(this.scratch, `${model.name}-${period.id}.parquet`);
    await this.duck.run(
      `COPY (SELECT * FROM (${model.sql}) AS model ORDER BY ALL) TO ${literal(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    try {
      await this.store.upload(tmp, lake.warehouseKey(model.name, period));
    } finally {
      await rm(tmp, { force: true });
    }
    await this.exposeModel(model.name);
  }

  async partitionColumns(model: string, period: Period): Promise<{ name: string; type: string }[]> {
    const file = this.store.path(lake.warehouseKey(model, period));
    const rows = await this.duck.rows<{ column_name: string; column_type: string }>(
      `DESCRIBE SELECT * FROM read_parquet(${literal(file)})`,
    );
    return rows
      .filter((r) => !PARTITION_COLUMNS.some((p) => p.name === r.column_name))
      .map((r) => ({ name: r.column_name, type: r.column_type }));
  }

  async listPartitions(model: string): Promise<Period[]> {
    const out: Period[] = [];
    for await (const o of this.store.list(lake.warehousePrefix(model))) {
      const part = parseWarehouseKey(o.key);
      if (part?.model === model) out.push(part.period);
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  async dropPartition(model: string, period: Period): Promise<void> {
    await this.store.delete(lake.warehouseKey(model, period));
  }

  async close(): Promise<void> {
    this.duck.close();
    await rm(this.scratch, { recursive: true, force: true });
  }

  /** (Re)create the view over every stored partition of a model. */
  private async exposeModel(name: string): Promise<void> {
    const glob = this.store.path(`${lake.warehousePrefix(name)}*/*/*.parquet`);
    await this.duck.run(
      `CREATE OR REPLACE VIEW ${ident(name)} AS SELECT * FROM read_parquet(${literal(glob)}, hive_partitioning = true, union_by_name = true)`,
    );
  }
}

/**
 * Copy the ledger's files into a table and point `submissions` at it. The copy keeps no particular order
 * (nothing reads the ledger in file order; the engine keeps no insertion order): keeping the files' order
 * makes the JSON reader hold a buffer per file (out of memory at 1.5 GB for the demo's 4,458 entries).
 */
async function copyLedger(duck: Duck): Promise<void> {
  await duck.run(`CREATE OR REPLACE TABLE ${LEDGER_COPY} AS SELECT * FROM ${LEDGER_FILES}`);
  await duck.run(`CREATE OR REPLACE VIEW ${SUBMISSIONS_TABLE} AS SELECT * FROM ${LEDGER_COPY}`);
}
