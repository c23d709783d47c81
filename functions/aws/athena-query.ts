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

/** The query ran past its time limit and was stopped (StopQueryExecution). */
export class AthenaTimeoutError extends AthenaQueryError {
  override name = 'AthenaTimeoutError';
}

export interface AthenaQueryOptions {
  workGroup: string;
  /** Database that bare table names resolve against. */
  database: string;
  /** @default 900_000 (15 minutes) */
  timeoutMs?: number;
  /** First poll delay; doubles up to `maxPollMs`. @default 250 */
  firstPollMs?: number;
  /** @default 5_000 */
  maxPollMs?: number;
  /** Attempts for a throttled API call. @default 6 */
  maxAttempts?: number;
  /** For tests. @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
}

const THROTTLED = new Set(['ThrottlingException', 'TooManyRequestsException']);
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs statements in one Athena workgroup: start, poll with backoff, stop on timeout, retry throttling. */
export class AthenaQueries {
  private readonly sleep: (ms: number) => Promise<void>;
  constructor(
    private readonly athena: AthenaClient,
    private readonly options: AthenaQueryOptions,
  ) {
    this.sleep = options.sleep ?? delay;
  }

  /** Run a statement to completion; `?` placeholders bind `params` (as SQL literals, by Athena). */
  async execute(sql: string, params?: readonly string[]): Promise<string> {
    const start = new StartQueryExecutionCommand({
      QueryString: sql,
      WorkGroup: this.options.workGroup,
      QueryExecutionContext: { Database: this.options.database },
      ExecutionParameters: params?.length ? [...params] : undefined,
    });
    const { QueryExecutionId: id } = await this.retrying(() => this.athena.send(start));
    if (!id) throw new AthenaQueryError('Athena did not return a query execution id');
    await this.wait(id);
    return id;
  }

  /** Every result page of a finished query (the first row of a SELECT's first page is its header). */
  async *pages(id: string): AsyncIterable<ResultSet> {
    for await (const page of paginateGetQueryResults({ client: this.athena }, { QueryExecutionId: id })) {
      if (page.ResultSet) yield page.ResultSet;
    }
  }

  private async wait(id: string): Promise<void> {
    const deadline = Date.now() + (this.options.timeoutMs ?? 900_000);
    let pause = this.options.firstPollMs ?? 250;
    for (;;) {
      const status = await this.status(id);
      const state = status.QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') return;
      if (state === 'FAILED' || state === 'CANCELLED') {
        const reason = status.QueryExecution?.Status?.StateChangeReason ?? state;
        throw new AthenaQueryError(`Athena query ${id} ${state.toLowerCase()}: ${reason}`, id);
      }
      if (Date.now() + pause > deadline) {
        await this.retrying(() => this.athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id })));
        throw new AthenaTimeoutError(
          `Athena query ${id} stopped after ${this.options.timeoutMs ?? 900_000} ms`,
          id,
        );
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
