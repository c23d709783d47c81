import { createRequire } from 'node:module';
import { totalmem } from 'node:os';
import type {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBMaterializedResult,
  DuckDBPreparedStatement,
  DuckDBValue,
} from '@duckdb/node-api';

/**
 * How the engine's allocator (the jemalloc built into the engine) keeps the pages freed: for 10 s before
 * handing them back to the system, where the engine's build says 1 s. A transform frees and takes again
 * hundreds of MB from one model to the next, and on these machines each page taken fresh from the system
 * costs a fault (~14 µs on the slowest): `bench/transform.ts` on the national lake took 3.6–3.7 s against
 * 4.4–5.4 s, at a peak RSS 70–140 MB higher (docs/performance.md, "Transform"). jemalloc reads the setting
 * from the environment when the engine first allocates, after the client below is loaded; one set by the
 * caller is kept.
 */
process.env.DUCKDB_JE_MALLOC_CONF ??= 'dirty_decay_ms:10000,muzzy_decay_ms:10000';

/**
 * The engine's client, required rather than imported: it is CommonJS, and an ES import of it makes Node
 * lex each of its ~120 files for their export names before loading them (~80 ms of the main thread at
 * every process start). The rest of the code takes the client's values from here.
 */
const api: typeof import('@duckdb/node-api') = createRequire(import.meta.url)('@duckdb/node-api');
export const { listValue, structValue } = api;

export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[];

/** Prepared statements kept by {@link Duck.preparedRows}, the least recently used dropped beyond this. */
const PREPARED_KEPT = 32;

/** A DuckDB connection with the few calls the pipeline needs; one per process, closed by its owner. */
export class Duck {
  private readonly prepared = new Map<string, DuckDBPreparedStatement>();
  /** The threads statements run on now ({@link useThreads}). */
  private current: number;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private readonly reusesPlans: boolean,
    /** The threads the engine was opened with. */
    readonly threads: number,
  ) {
    this.current = threads;
  }

  /**
   * Open an in-memory database; `tempDirectory` is where large operators spill. The memory limit is always
   * set ({@link defaultMemoryLimit} unless given), never the engine's own default of 80 % of the machine.
   */
  static async open(
    options: {
      threads?: number;
      memoryLimit?: string;
      tempDirectory?: string;
      /**
       * Plan for statements kept and run many times ({@link Duck.preparedRows}, required there):
       * - without the data's statistics, so that a plan stays right for whatever a table holds later. The
       *   optimiser otherwise folds expressions by what the tables held when a statement was planned
       *   (`x IS NOT NULL` to false, `coalesce(x, 'z')` to `x` over a column that was all NULL), and a kept
       *   plan gives wrong answers once they hold other rows;
       * - with `IN` lists kept as comparisons. The optimiser turns a list of six or more constants into a
       *   join against a table of them, whose hash table every run builds again: the eight yes/no lists of an
       *   FKP export's validation took ~12 ms of a 3-row file's 16.
       */
      reusablePlans?: boolean;
    } = {},
  ): Promise<Duck> {
    const threads = options.threads ?? 2;
    const config: Record<string, string> = {
      threads: String(threads),
      memory_limit: options.memoryLimit ?? defaultMemoryLimit(),
      // The lake and the scratch folders rewrite files in place of others at the same path (a worker's
      // curated.parquet per submission, a rebuilt partition): the engine's cache of file contents could
      // serve blocks of the previous file when the modification time does not change (seen as ZSTD failures).
      enable_external_file_cache: 'false',
    };
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    if (options.reusablePlans) config.disabled_optimizers = 'statistics_propagation,in_clause';
    const instance = await api.DuckDBInstance.create(':memory:', config);
    const connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    return new Duck(instance, connection, options.reusablePlans ?? false, threads);
  }

  /** The threads statements run on now ({@link useThreads}). */
  get threadsNow(): number {
    return this.current;
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.connection.run(sql, used(sql, params));
  }

  /** Rows as JSON-safe objects (BIGINT as string, dates as ISO strings). */
  async rows<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    return rowObjects(await this.connection.run(sql, used(sql, params))) as T[];
  }

  /**
   * Rows of a statement run many times with the same text (e.g. once per file): prepared on first use and
   * kept, so later runs skip parsing, binding and planning and only bind `params`. Only for statements that
   * read no view or table whose definition changes between runs (files and macros are fine); tables whose
   * rows change are fine on an engine opened with `reusablePlans`, and only there.
   */
  async preparedRows<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    if (!this.reusesPlans) throw new Error('preparedRows needs an engine opened with reusablePlans');
    let statement = this.prepared.get(sql);
    if (statement) this.prepared.delete(sql);
    else statement = await this.connection.prepare(sql);
    this.prepared.set(sql, statement);
    if (this.prepared.size > PREPARED_KEPT) {
      const [oldest, dropped] = this.prepared.entries().next().value!;
      this.prepared.delete(oldest);
      dropped.destroySync();
    }
    statement.clearBindings();
    const values = used(sql, params);
    if (values !== undefined) statement.bind(values);
    return rowObjects(await statement.run()) as T[];
  }

  /**
   * Run what follows on `threads` threads (at least one, at most as many as the engine was opened with).
   * The setting changes only when the count does: each change stops or starts the engine's threads and
   * returns its freed memory to the system, which the next statements then fault in again (a change there
   * and back ~18–21 ms on a 2-core virtual machine where the first touch of a page costs ~14 µs).
   */
  async useThreads(threads: number): Promise<void> {
    const n = Math.min(this.threads, Math.max(1, Math.trunc(threads)));
    if (n === this.current) return;
    await this.run(`SET threads = ${n}`);
    this.current = n;
  }

  /** Run `f` on at most `threads` threads, then on as many as before. */
  async withThreads<T>(threads: number, f: () => Promise<T>): Promise<T> {
    const before = this.current;
    if (before <= threads) return f();
    await this.useThreads(threads);
    try {
      return await f();
    } finally {
      await this.useThreads(before);
    }
  }

  /**
   * Run a statement that changes the main catalog (e.g. creates a table), then drop the kept prepared
   * statements. Once the catalog has changed, the engine binds and plans a statement prepared before it again
   * on every later run, not once: prepared anew, each is planned once more and then never again (a small
   * file's validation otherwise pays 10–40 ms of planning each time).
   */
  async changeCatalog(sql: string): Promise<void> {
    await this.connection.run(sql);
    this.forgetPrepared();
  }

  close(): void {
    this.forgetPrepared();
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private forgetPrepared(): void {
    for (const statement of this.prepared.values()) statement.destroySync();
    this.prepared.clear();
  }
}

/**
 * The rows of a result the engine has materialized, as JSON-safe objects (BIGINT as string, dates as ISO
 * strings), read where they are. A result reader fetches each chunk, and then the end, through the thread
 * pool: two more trips to another thread and back, ~0.1 ms of CPU per statement (~20 statements a file).
 */
function rowObjects(result: DuckDBMaterializedResult): Record<string, unknown>[] {
  const names = result.deduplicatedColumnNames();
  const rows: Record<string, unknown>[] = [];
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    for (let i = 0; i < chunk.rowCount; i++) {
      const row: Record<string, unknown> = {};
      chunk.visitRowValues(i, (value, _, column, type) => {
        row[names[column]!] = api.JsonDuckDBValueConverter(value, type, api.JsonDuckDBValueConverter);
      });
      rows.push(row);
    }
  }
  return rows;
}

const MiB = 1024 * 1024;

/**
 * DuckDB's memory limit when the caller sets none: `PANTAU_MEMORY_LIMIT` (e.g. `2GB`) if set; in a Lambda,
 * 60 % of the function's memory (the rest is Node and the engine's own buffers outside the limit);
 * otherwise `localMb` (1.5 GB), or half the machine's memory if that is less. Large operators spill to disk
 * beyond it.
 */
export function defaultMemoryLimit(
  localMb = 1536,
  env: NodeJS.ProcessEnv = process.env,
  machineBytes = totalmem(),
): string {
  if (env.PANTAU_MEMORY_LIMIT) return env.PANTAU_MEMORY_LIMIT;
  const lambdaMb = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  if (lambdaMb > 0) return `${Math.floor(lambdaMb * 0.6)}MB`;
  return `${Math.floor(Math.min(localMb, machineBytes / MiB / 2))}MB`;
}

/** Named parameters the statement uses (DuckDB refuses to bind one it does not). */
function used(sql: string, params?: SqlParams): SqlParams | undefined {
  if (params === undefined || Array.isArray(params)) return params;
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}

export { ident, literal } from './contract/sql.ts';
