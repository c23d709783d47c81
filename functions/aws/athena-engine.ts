import { lake, parsePartition } from '#core/contract/lake.ts';
import { duckTypeOfTrino } from '#core/contract/types.ts';
import { PARTITION_COLUMNS } from '#core/datasets/definition.ts';
import { ident, literal } from '#core/duckdb.ts';
import type { Period } from '#core/period.ts';
import type { ObjectStore } from '#core/store.ts';
import { type Model, type QueryEngine, runPeriodSeed, type Seed } from '#warehouse/engine.ts';
import type { AthenaQueries } from './athena-query.ts';
import { resultRows, seedSelect, withRelations } from './athena-sql.ts';

const PARTITION_NAMES = PARTITION_COLUMNS.map((c) => c.name) as string[];

/**
 * The query-engine port on Athena (Trino). Seeds, `run_period` and the run's staging/intermediate models
 * become a WITH clause of each statement that uses them; marts are Glue tables (partition projection on
 * year/quarter), materialised one period at a time: the partition's objects are deleted, then
 * `INSERT INTO` writes the new ones (one partition per statement, far below Athena's 100).
 */
export class AthenaEngine implements QueryEngine {
  readonly name = 'athena';
  private readonly relations = new Map<string, string>();
  private readonly columns = new Map<string, string[]>();

  constructor(
    private readonly queries: AthenaQueries,
    /** The lake bucket holding `warehouse/{model}/year=…/quarter=…/`. */
    private readonly lakeStore: ObjectStore,
    /** Glue database of the curated and mart tables. */
    private readonly database: string,
  ) {}

  async run(sql: string): Promise<void> {
    await this.queries.execute(sql);
  }

  async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const id = await this.queries.execute(withRelations(sql, this.relations));
    return resultRows<T>(this.queries.pages(id));
  }

  async loadSeed(seed: Seed): Promise<void> {
    this.define(seed.name, seedSelect(seed));
  }

  async bindPeriod(period: Period): Promise<void> {
    await this.loadSeed(runPeriodSeed(period));
  }

  async createRelation(model: Model): Promise<void> {
    this.define(model.name, model.sql);
  }

  async writePartition(model: Model, period: Period): Promise<void> {
    const columns = (await this.tableColumns(model.name)).filter((c) => !PARTITION_NAMES.includes(c));
    await this.dropPartition(model.name, period);
    const list = columns.map(ident).join(', ');
    const select = `SELECT ${list}, ${period.year}, ${period.quarter} FROM (\n${model.sql}\n) AS m`;
    const target = `${ident(this.database)}.${ident(model.name)} (${list}, ${PARTITION_NAMES.map(ident).join(', ')})`;
    await this.queries.execute(`INSERT INTO ${target}\n${withRelations(select, this.relations)}`);
  }

  async partitionColumns(model: string): Promise<{ name: string; type: string }[]> {
    const id = await this.queries.execute(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
      [literal(this.database), literal(model)],
    );
    const rows = await resultRows<{ column_name: string; data_type: string }>(this.queries.pages(id));
    return rows
      .filter((r) => !PARTITION_NAMES.includes(r.column_name))
      .map((r) => ({ name: r.column_name, type: duckTypeOfTrino(r.data_type) ?? r.data_type }));
  }

  async listPartitions(model: string): Promise<Period[]> {
    const found = new Map<string, Period>();
    for await (const o of this.lakeStore.list(lake.warehousePrefix(model))) {
      const p = parsePartition(o.key);
      if (p) found.set(p.id, p);
    }
    return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  async dropPartition(model: string, period: Period): Promise<void> {
    const key = lake.warehouseKey(model, period);
    const keys: string[] = [];
    for await (const o of this.lakeStore.list(key.slice(0, key.lastIndexOf('/') + 1))) keys.push(o.key);
    await Promise.all(keys.map((k) => this.lakeStore.delete(k)));
  }

  async close(): Promise<void> {
    this.relations.clear();
  }

  /** Add or replace a definition; a replaced one keeps its place, so the dependency order holds. */
  private define(name: string, sql: string): void {
    this.relations.set(name, sql);
  }

  /** The mart table's columns in the Glue catalog, in order (Athena INSERT maps by the listed names). */
  private async tableColumns(table: string): Promise<string[]> {
    const cached = this.columns.get(table);
    if (cached) return cached;
    const id = await this.queries.execute(
      'SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
      [literal(this.database), literal(table)],
    );
    const names = (await resultRows<{ column_name: string }>(this.queries.pages(id))).map(
      (r) => r.column_name,
    );
    if (names.length === 0) throw new Error(`table ${this.database}.${table} is not in the Glue catalog`);
    this.columns.set(table, names);
    return names;
  }
}
