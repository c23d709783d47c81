import { DATASET_TABLE } from '#core/contract/names.ts';
import type { Period } from '#core/period.ts';
import { periodEnd, periodStart, previousPeriod } from '#core/period.ts';

/** Where a model lives in the layered outline (`sql/<layer>/<name>.sql`). */
export type Layer = 'staging' | 'intermediate' | 'marts';

/**
 * One SQL model: a single SELECT in the Trino dialect, exactly as written in `sql/`. It refers to curated
 * tables (`skm_responses`, …), seeds (`regions`, `calendar`, `methodology_params`, …), `run_period`,
 * `submissions` (the ledger) and other models by bare, lowercase name.
 */
export interface Model {
  name: string;
  layer: Layer;
  /** The SELECT statement (no trailing semicolon). */
  sql: string;
  /**
   * `partition`: persisted per period at `warehouse/{name}/year=YYYY/quarter=Q/` (marts);
   * `relation`: visible to later models of the same run only (staging, intermediate).
   */
  materialized: 'partition' | 'relation';
  /** Other models this one reads (from its SQL), used to order the run. */
  dependsOn: readonly string[];
}

/** Column types a seed may use (lowercase, valid in both Trino and DuckDB). */
export type SeedType = 'varchar' | 'integer' | 'bigint' | 'double' | 'boolean' | 'date';
export type SeedValue = string | number | boolean | null;

/** A small reference table built by the runner (regions, calendar, methodology parameters, …). */
export interface Seed {
  name: string;
  columns: readonly { name: string; type: SeedType }[];
  /** Values in column order; dates as `YYYY-MM-DD`. */
  rows: readonly (readonly SeedValue[])[];
}

/**
 * `run_period`: the one-row relation through which models see the period being built. Engines create it
 * from a validated {@link Period} (bound parameters or generated values; never user text).
 */
export function runPeriodSeed(period: Period): Seed {
  const prev = previousPeriod(period);
  return {
    name: 'run_period',
    columns: [
      { name: 'period', type: 'varchar' },
      { name: 'year', type: 'integer' },
      { name: 'quarter', type: 'integer' },
      { name: 'period_start', type: 'date' },
      { name: 'period_end', type: 'date' },
      { name: 'previous_period', type: 'varchar' },
      { name: 'previous_year', type: 'integer' },
      { name: 'previous_quarter', type: 'integer' },
    ],
    rows: [
      [
        period.id,
        period.year,
        period.quarter,
        periodStart(period),
        periodEnd(period),
        prev.id,
        prev.year,
        prev.quarter,
      ],
    ],
  };
}

/** Curated tables the models read over the year to date (FKP is yearly: methodology v2 rule 5). */
const YEAR_TO_DATE_TABLES: ReadonlySet<string> = new Set([DATASET_TABLE.fkp]);

/**
 * The condition that narrows a curated table to what the models of `period` read: the period's partition,
 * or for FKP the year's partitions up to it (the models filter it by the methodology's FKP scope). Each
 * engine binds the curated tables through it, so a model reads a curated table as already narrowed, its
 * partitions pruned by literal values; the values come from a validated {@link Period}, never user text.
 */
export function curatedPeriodFilter(table: string, period: Period): string {
  const quarter = YEAR_TO_DATE_TABLES.has(table) ? '<=' : '=';
  return `"year" = ${Number(period.year)} AND "quarter" ${quarter} ${Number(period.quarter)}`;
}

/**
 * The query-engine port of the model runner (docs/architecture.md, "The ports"). The DuckDB engine (`duckdb-engine.ts`)
 * runs on a local lake; an Athena engine implements the same port in `functions/aws/`.
 *
 * The runner calls, in this order: `loadSeed` for every seed; then for each period: `bindPeriod`, then
 * for each model in dependency order `createRelation` (staging, intermediate) or `writePartition` (marts);
 * finally `close`. One partition is written per call, so Athena's 100-partitions-per-INSERT limit holds.
 */
export interface QueryEngine {
  /** For messages: `duckdb`, `athena`. */
  readonly name: string;
  /** Execute one statement that returns nothing of interest. */
  run(sql: string): Promise<void>;
  /** Read a query's rows as JSON-safe objects (BIGINT may come back as a string). */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Create or replace the seed as a relation named `seed.name`. */
  loadSeed(seed: Seed): Promise<void>;
  /**
   * Make `run_period` ({@link runPeriodSeed}) describe `period` for the models that follow, and narrow each
   * curated table to it ({@link curatedPeriodFilter}).
   */
  bindPeriod(period: Period): Promise<void>;
  /** Make the model's result visible under `model.name` to later models of this run (temp table or view). */
  createRelation(model: Model): Promise<void>;
  /**
   * Replace the model's partition for `period` with the model's rows (which are all of that period):
   * atomically, leaving every other partition untouched. Afterwards `model.name` reads all partitions,
   * including the new one (later models may read this and the previous period).
   * A failure at any point leaves the previous partition readable. DuckDB: write Parquet to a temp
   * file, then move it to `lake.warehouseKey`. Athena: build into a new run-scoped folder, then switch
   * the Glue partition's location to it (`functions/aws/athena-engine.ts`).
   */
  writePartition(model: Model, period: Period): Promise<void>;
  /**
   * Columns of the model's stored partition for `period`, in order, with DuckDB type names (the contract's
   * `DuckType`); partition keys excluded. DuckDB: the Parquet file's schema. Athena: the table's columns
   * (an INSERT already refuses columns or types that differ from the table).
   */
  partitionColumns(model: string, period: Period): Promise<{ name: string; type: string }[]>;
  /** Periods for which the model has a stored partition, in period order. */
  listPartitions(model: string): Promise<Period[]>;
  /** Delete one stored partition of the model (no error when absent). */
  dropPartition(model: string, period: Period): Promise<void>;
  /** Release connections and temporary files. */
  close(): Promise<void>;
}
