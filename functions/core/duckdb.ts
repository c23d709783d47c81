import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[];

/** A DuckDB connection with the few calls the pipeline needs; one per process, closed by its owner. */
export class Duck {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Open an in-memory database; `tempDirectory` is where large operators spill. */
  static async open(
    options: { threads?: number; memoryLimit?: string; tempDirectory?: string } = {},
  ): Promise<Duck> {
    const config: Record<string, string> = { threads: String(options.threads ?? 2) };
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    const instance = await DuckDBInstance.create(':memory:', config);
    const connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    return new Duck(instance, connection);
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.connection.run(sql, used(sql, params));
  }

  /** Rows as JSON-safe objects (BIGINT as string, dates as ISO strings). */
  async rows<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, used(sql, params));
    return reader.getRowObjectsJson() as unknown as T[];
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Named parameters the statement uses (DuckDB refuses to bind one it does not). */
function used(sql: string, params?: SqlParams): SqlParams | undefined {
  if (params === undefined || Array.isArray(params)) return params;
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}

export { ident, literal } from './contract/sql.ts';
