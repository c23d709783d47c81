import { CURATED_TABLES } from '#core/contract/names.ts';
import { duckTypeOfTrino } from '#core/contract/types.ts';
import { PARTITION_COLUMNS } from '#core/datasets/definition.ts';
import { ident, literal } from '#core/duckdb.ts';
import type { Period } from '#core/period.ts';
import type { ObjectStore } from '#core/store.ts';
import {
  curatedPeriodFilter,
  type Model,
  type QueryEngine,
  runPeriodSeed,
  type Seed,
} from '#warehouse/engine.ts';
import type { AthenaQueries } from './athena-query.ts';
import { resultRows, seedSelect, withRelations } from './athena-sql.ts';
import type { MartPartitions } from './mart-partitions.ts';
import { runScope, s3Uri } from './run-scope.ts';
import type { StepRecord } from './run-state.ts';

const PARTITION_NAMES = PARTITION_COLUMNS.map((c) => c.name) as string[];
/** A Trino type name as information_schema reports it (`varchar`, `decimal(10,2)`, `timestamp(3)`). */
const TRINO_TYPE = /^[a-z]+( [a-z]+)*(\(\d+(,\s?\d+)?\))?$/;

const PLAIN_NAME = /^[a-z0-9_]+$/;

/**
 * `db`.`table` for Athena's DDL statements (DROP TABLE), which use the Hive grammar: backticks, not
 * double quotes. Only plain lowercase names (validated model names, run ids, the database) get here.
 */
function ddlName(database: string, table: string): string {
  for (const n of [database, table]) if (!PLAIN_NAME.test(n)) throw new RangeError(`not a plain name: ${n}`);
  return `\`${database}\`.\`${table}\``;
}

/** The run's checkpoint as the engine sees it: steps already built, and where to record new ones. */
export interface RunSteps {
  readonly runId: string;
  done(model: string): StepRecord | undefined;
  complete(step: StepRecord): Promise<void>;
}

export interface AthenaEngineOptions {
  queries: AthenaQueries;
  /** The lake bucket (objects under `warehouse/`, `scratch/`). */
  lake: ObjectStore;
  lakeBucket: string;
  /** Glue database of the curated and mart tables. */
  database: string;
  partitions: MartPartitions;
  run: RunSteps;
}

/**
 * The query-engine port on Athena (Trino). Seeds and `run_period` become a WITH clause of the statements
 * that use them; curated tables are read through the bound period's partition (literal year/quarter, so
 * Athena prunes); staging and intermediate models are materialised once per run (CTAS into run-scoped
 * tables, see run-scope.ts); a mart partition is built into a new run-scoped folder and then switched in
 * by its Glue partition's location, so a failure at any step leaves the previous partition readable.
 * Steps the run already finished (its checkpoint) are not built again: a stopped run resumes.
 */
export class AthenaEngine implements QueryEngine {
  readonly name = 'athena';
  private readonly relations = new Map<string, string>();
  private readonly columns = new Map<string, { name: string; type: string }[]>();

  constructor(private readonly o: AthenaEngineOptions) {}

  async run(sql: string): Promise<void> {
    await this.o.queries.execute(sql);
  }

  async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const id = await this.o.queries.execute(withRelations(sql, this.relations));
    return resultRows<T>(this.o.queries.pages(id));
  }

  async loadSeed(seed: Seed): Promise<void> {
    this.relations.set(seed.name, seedSelect(seed));
  }

  /** `run_period`, and each curated table narrowed to the period ({@link curatedPeriodFilter}). */
  async bindPeriod(period: Period): Promise<void> {
    await this.loadSeed(runPeriodSeed(period));
    for (const table of CURATED_TABLES) {
      this.relations.set(
        table,
        `SELECT * FROM ${this.qualified(table)} WHERE ${curatedPeriodFilter(table, period)}`,
      );
    }
  }

  /** Materialise the model once for this run (CTAS); later statements read the run table. */
  async createRelation(model: Model): Promise<void> {
    const table = runScope.table(this.o.run.runId, model.name);
    if (!this.o.run.done(model.name)) {
      await this.step(model.name, 'relation', async () => {
        await this.ctas(table, runScope.scratchModelPrefix(this.o.run.runId, model.name), model.sql);
        return undefined;
      });
    }
    this.relations.set(model.name, `SELECT * FROM ${this.qualified(table)}`);
  }

  /**
   * Build the period's partition under `run={run}/`, switch the Glue partition to it, then delete every
   * other object of the partition (the previous build, leftovers of a crashed run). A build this run
   * already switched in (it died before recording the step) is kept, never emptied and rebuilt.
   */
  async writePartition(model: Model, period: Period): Promise<void> {
    if (this.o.run.done(model.name)) return;
    const { runId } = this.o.run;
    const prefix = runScope.martRunPrefix(model.name, period, runId);
    const target = s3Uri(this.o.lakeBucket, prefix);
    const table = runScope.table(runId, model.name);
    await this.step(model.name, 'partition', async () => {
      if ((await this.o.partitions.location(model.name, period)) !== target) {
        const columns = (await this.tableColumns(model.name)).filter(
          (c) => !PARTITION_NAMES.includes(c.name),
        );
        const list = columns.map((c) => `CAST(${ident(c.name)} AS ${c.type}) AS ${ident(c.name)}`);
        await this.ctas(table, prefix, `SELECT ${list.join(', ')} FROM (\n${model.sql}\n) AS m`);
        await this.o.partitions.point(model.name, period, target);
      }
      await this.dropTable(table);
      await this.deleteUnder(runScope.partitionPrefix(model.name, period), prefix);
      const [count] = await this.rows<{ rows: string }>(
        `SELECT count(*) AS "rows" FROM ${this.qualified(model.name)} WHERE "year" = ${period.year} AND "quarter" = ${period.quarter}`,
      );
      return Number(count?.rows ?? 0);
    });
  }

  /**
   * The mart table's columns (DuckDB type names): every build is cast to exactly these, and a model that
   * lacks one fails its CTAS.
   */
  async partitionColumns(model: string): Promise<{ name: string; type: string }[]> {
    return (await this.tableColumns(model))
      .filter((c) => !PARTITION_NAMES.includes(c.name))
      .map((c) => ({ name: c.name, type: duckTypeOfTrino(c.type) ?? c.type }));
  }

  async listPartitions(model: string): Promise<Period[]> {
    return this.o.partitions.list(model);
  }

  async dropPartition(model: string, period: Period): Promise<void> {
    await this.o.partitions.remove(model, period);
    await this.deleteUnder(runScope.partitionPrefix(model, period));
  }

  /** Drop the run's tables and their scratch objects (the run is over). */
  async dropRunTables(runId: string, steps: readonly StepRecord[]): Promise<void> {
    for (const s of steps.filter((x) => x.kind === 'relation'))
      await this.dropTable(runScope.table(runId, s.model));
    await this.deleteUnder(runScope.scratchPrefix(runId));
  }

  async close(): Promise<void> {
    this.relations.clear();
  }

  /** Drop a run table from the catalog; its objects stay (an external table) and are deleted by prefix. */
  private async dropTable(table: string): Promise<void> {
    await this.o.queries.execute(`DROP TABLE IF EXISTS ${ddlName(this.o.database, table)}`);
  }

  private qualified(table: string): string {
    return `${ident(this.o.database)}.${ident(table)}`;
  }

  /** CTAS into an empty run-scoped folder (emptied first: a retried step may have left files). */
  private async ctas(table: string, prefix: string, select: string): Promise<void> {
    await this.dropTable(table);
    await this.deleteUnder(prefix);
    const props = `format = 'PARQUET', write_compression = 'SNAPPY', external_location = ${literal(s3Uri(this.o.lakeBucket, prefix))}`;
    await this.o.queries.execute(
      `CREATE TABLE ${this.qualified(table)} WITH (${props}) AS\n${withRelations(select, this.relations)}`,
    );
  }

  /** Run one step, then record it with the bytes its statements scanned and its wall time. */
  private async step(
    model: string,
    kind: StepRecord['kind'],
    build: () => Promise<number | undefined>,
  ): Promise<void> {
    const started = Date.now();
    const first = this.o.queries.stats.length;
    const rows = await build();
    const bytesScanned = this.o.queries.stats.slice(first).reduce((n, s) => n + s.bytesScanned, 0);
    const seconds = (Date.now() - started) / 1000;
    await this.o.run.complete({
      model,
      kind,
      ...(rows === undefined ? {} : { rows }),
      bytesScanned,
      seconds,
    });
  }

  private async deleteUnder(prefix: string, keep?: string): Promise<void> {
    const keys: string[] = [];
    for await (const o of this.o.lake.list(prefix)) if (!keep || !o.key.startsWith(keep)) keys.push(o.key);
    await Promise.all(keys.map((k) => this.o.lake.delete(k)));
  }

  /** The mart table's columns and Trino types in the Glue catalog, in order. */
  private async tableColumns(table: string): Promise<{ name: string; type: string }[]> {
    const cached = this.columns.get(table);
    if (cached) return cached;
    const id = await this.o.queries.execute(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
      [literal(this.o.database), literal(table)],
    );
    const rows = await resultRows<{ column_name: string; data_type: string }>(this.o.queries.pages(id));
    if (rows.length === 0) throw new Error(`table ${this.o.database}.${table} is not in the Glue catalog`);
    const columns = rows.map((r) => {
      if (!TRINO_TYPE.test(r.data_type))
        throw new Error(`${table}.${r.column_name}: unexpected type ${r.data_type}`);
      return { name: r.column_name, type: r.data_type };
    });
    this.columns.set(table, columns);
    return columns;
  }
}
