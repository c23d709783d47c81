import {
  type AthenaClient,
  GetQueryExecutionCommand,
  type GetQueryExecutionCommandOutput,
  paginateGetQueryResults,
  type ResultSet,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';

/** Base error of the AWS adapters' query execution. */
export class AthenaQueryError extends Error {
  constructor(
    message: string,
    readonly queryExecutionId?: string,
  ) {
    super(message);
    this.name = 'AthenaQueryError';
  }
}

/** The run's deadline came: the query was stopped (StopQueryExecution), or not started at all. */
export class AthenaTimeoutError extends AthenaQueryError {
  override name = 'AthenaTimeoutError';
}

/** What one finished statement cost (from GetQueryExecution's statistics). */
export interface QueryStats {
  id: string;
  bytesScanned: number;
  /** Engine time, ms. */
  engineMs: number;
}

export interface AthenaQueryOptions {
  workGroup: string;
  /** Database that bare table names resolve against. */
  database: string;
  /**
   * One deadline for every statement of the run (epoch ms): a statement still running then is stopped,
   * and none is started with less than `minStartMs` left. @default 15 minutes from construction
   */
  deadline?: number;
  /** Least time left to start a statement. @default 5_000 */
  minStartMs?: number;
  /** First poll delay; doubles up to `maxPollMs`. @default 250 */
  firstPollMs?: number;
  /** @default 5_000 */
  maxPollMs?: number;
  /** Attempts for a throttled API call. @default 6 */
  maxAttempts?: number;
  /** For tests. @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
  /** For tests. @default Date.now */
  now?: () => number;
  /** Called with the running queries after each start (a checkpoint records them). */
  onStart?: (running: ReadonlySet<string>) => Promise<void>;
}

const THROTTLED = new Set(['ThrottlingException', 'TooManyRequestsException']);
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs statements in one Athena workgroup against one deadline: start, poll with backoff, stop at the
 * deadline, retry throttling. `running` names the statements started and not yet finished (for a run's
 * checkpoint: a later run stops them if this process died), `stats` what each finished one scanned.
 */
export class AthenaQueries {
  readonly running = new Set<string>();
  readonly stats: QueryStats[] = [];
  readonly deadline: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  constructor(
    private readonly athena: AthenaClient,
    private readonly options: AthenaQueryOptions,
  ) {
    this.sleep = options.sleep ?? delay;
    this.now = options.now ?? Date.now;
    this.deadline = options.deadline ?? this.now() + 900_000;
  }

  /** Run a statement to completion; `?` placeholders bind `params` (as SQL literals, by Athena). */
  async execute(sql: string, params?: readonly string[]): Promise<string> {
    if (this.deadline - this.now() < (this.options.minStartMs ?? 5_000)) {
      throw new AthenaTimeoutError('the run reached its deadline before this statement could start');
    }
    const start = new StartQueryExecutionCommand({
      QueryString: sql,
      WorkGroup: this.options.workGroup,
      QueryExecutionContext: { Database: this.options.database },
      ExecutionParameters: params?.length ? [...params] : undefined,
    });
    const { QueryExecutionId: id } = await this.retrying(() => this.athena.send(start));
    if (!id) throw new AthenaQueryError('Athena did not return a query execution id');
    this.running.add(id);
    try {
      await this.options.onStart?.(this.running);
      await this.wait(id);
    } catch (e) {
      if (!(e instanceof AthenaQueryError)) await this.stop([id]).catch(() => undefined);
      throw e;
    } finally {
      this.running.delete(id);
    }
    return id;
  }

  /** Every result page of a finished query (the first row of a SELECT's first page is its header). */
  async *pages(id: string): AsyncIterable<ResultSet> {
    for await (const page of paginateGetQueryResults({ client: this.athena }, { QueryExecutionId: id })) {
      if (page.ResultSet) yield page.ResultSet;
    }
  }

  /** Stop queries (of this or an earlier, dead process) that may still run; finished ones are left. */
  async stop(ids: Iterable<string>): Promise<void> {
    for (const id of ids) {
      const state = (await this.status(id)).QueryExecution?.Status?.State;
      if (state === 'QUEUED' || state === 'RUNNING') {
        await this.retrying(() => this.athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id })));
      }
    }
  }

  private async wait(id: string): Promise<void> {
    let pause = this.options.firstPollMs ?? 250;
    for (;;) {
      const status = await this.status(id);
      const state = status.QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') {
        const s = status.QueryExecution?.Statistics;
        this.stats.push({
          id,
          bytesScanned: s?.DataScannedInBytes ?? 0,
          engineMs: s?.EngineExecutionTimeInMillis ?? 0,
        });
        return;
      }
      if (state === 'FAILED' || state === 'CANCELLED') {
        const reason = status.QueryExecution?.Status?.StateChangeReason ?? state;
        throw new AthenaQueryError(`Athena query ${id} ${state.toLowerCase()}: ${reason}`, id);
      }
      if (this.now() + pause > this.deadline) {
        await this.retrying(() => this.athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id })));
        throw new AthenaTimeoutError(`Athena query ${id} stopped at the run's deadline`, id);
      }
      await this.sleep(pause);
      pause = Math.min(pause * 2, this.options.maxPollMs ?? 5_000);
    }
  }

  private status(id: string): Promise<GetQueryExecutionCommandOutput> {
    return this.retrying(() => this.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id })));
  }

  /** Retry a call Athena throttled, with exponential backoff and full jitter. */
  private async retrying<T>(call: () => Promise<T>): Promise<T> {
    const attempts = this.options.maxAttempts ?? 6;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (e) {
        if (!THROTTLED.has((e as Error).name) || attempt >= attempts) throw e;
        await this.sleep(Math.random() * 200 * 2 ** attempt);
      }
    }
  }
}
