import { type ObjectStore, PreconditionFailedError } from '#core/store.ts';
import { checkRunId, newRunId, runScope } from './run-scope.ts';

/** What one finished step of a run built and cost. */
export interface StepRecord {
  model: string;
  kind: 'relation' | 'partition';
  /** Rows of a mart partition (relations are not counted). */
  rows?: number;
  bytesScanned: number;
  seconds: number;
}

/** The state of the one run in progress: its lock (with a lease) and its checkpoint. */
export interface RunState {
  runId: string;
  period: string;
  methodology: string;
  startedAt: string;
  /** The lease: after this another invocation may take the run over (and stop its queries). */
  expiresAt: string;
  /** Invocations that worked on this run (the first, continuations and retries). */
  invocations: number;
  steps: StepRecord[];
  /** Athena queries started and perhaps still running (stopped by whoever takes over). */
  queries: string[];
}

/** Base error of the scheduled job's run control. */
export class RunError extends Error {
  override name = 'RunError';
}

/** Another run holds the lease: this invocation did nothing (Lambda retries it later). */
export class RunInProgressError extends RunError {
  override name = 'RunInProgressError';
  constructor(readonly holder: RunState) {
    super(
      `run ${holder.runId} (${holder.period}) is in progress until ${holder.expiresAt}; nothing was started`,
    );
  }
}

/** Someone else rewrote the state since this invocation took the lease: it stops without writing. */
export class RunLeaseLostError extends RunError {
  override name = 'RunLeaseLostError';
}

export interface RunRequest {
  period: string;
  methodology: string;
  /** Set on a continuation: the run it continues. */
  runId?: string;
  /** Epoch ms. */
  now: number;
  /** Lease end, epoch ms: the invocation's deadline plus a margin. */
  leaseUntil: number;
}

/** The lease on the run state in the lake (S3 conditional writes: one holder at a time). */
export class RunLease {
  private constructor(
    private readonly store: ObjectStore,
    public state: RunState,
    private etag: string,
  ) {}

  /**
   * Take the run: resume the run in the state file when it is for the same period and methodology (its
   * lease expired, or this is its continuation), else start a new one. `previous` is the state found
   * (its queries are to be stopped; when it is another run, its scratch is to be dropped). Returns
   * undefined for a continuation whose run is no longer current.
   */
  static async claim(
    store: ObjectStore,
    req: RunRequest,
  ): Promise<{ lease: RunLease; previous?: RunState } | undefined> {
    const found = await read(store);
    const prev = found?.state;
    if (req.runId !== undefined && prev?.runId !== checkRunId(req.runId)) return undefined;
    if (prev && Date.parse(prev.expiresAt) > req.now && prev.runId !== req.runId) {
      throw new RunInProgressError(prev);
    }
    const resume = prev && prev.period === req.period && prev.methodology === req.methodology;
    const expiresAt = new Date(req.leaseUntil).toISOString();
    const state: RunState = resume
      ? { ...prev, expiresAt, invocations: prev.invocations + 1, queries: [] }
      : {
          runId: newRunId(new Date(req.now)),
          period: req.period,
          methodology: req.methodology,
          startedAt: new Date(req.now).toISOString(),
          expiresAt,
          invocations: 1,
          steps: [],
          queries: [],
        };
    try {
      const etag = await store.write(runScope.stateKey, JSON.stringify(state), {
        ...(found ? { ifMatch: found.etag } : { ifNoneMatch: '*' }),
        contentType: 'application/json',
      });
      return { lease: new RunLease(store, state, etag), previous: prev };
    } catch (e) {
      if (e instanceof PreconditionFailedError)
        throw new RunInProgressError((await read(store))?.state ?? state);
      throw e;
    }
  }

  /** A finished step, if this run already built `model`. */
  done(model: string): StepRecord | undefined {
    return this.state.steps.find((s) => s.model === model);
  }

  /** Record a finished step (the checkpoint a resumed run starts from). */
  async complete(step: StepRecord): Promise<void> {
    this.state.steps = [...this.state.steps.filter((s) => s.model !== step.model), step];
    await this.save();
  }

  /** Record the queries now running (stopped by a later invocation if this one dies). */
  async track(running: Iterable<string>): Promise<void> {
    this.state.queries = [...running];
    await this.save();
  }

  /** Give the lease up now, keeping the checkpoint: a retry resumes at once. */
  async expire(now: number): Promise<void> {
    this.state.expiresAt = new Date(now).toISOString();
    await this.save();
  }

  /** The run is over: remove the state (and with it the lock). */
  async release(): Promise<void> {
    const current = await this.store.head(runScope.stateKey);
    if (current?.etag !== this.etag) throw new RunLeaseLostError(`run ${this.state.runId}: state changed`);
    await this.store.delete(runScope.stateKey);
  }

  private async save(): Promise<void> {
    try {
      this.etag = await this.store.write(runScope.stateKey, JSON.stringify(this.state), {
        ifMatch: this.etag,
        contentType: 'application/json',
      });
    } catch (e) {
      if (e instanceof PreconditionFailedError)
        throw new RunLeaseLostError(`run ${this.state.runId}: another invocation took the run over`);
      throw e;
    }
  }
}

async function read(store: ObjectStore): Promise<{ state: RunState; etag: string } | undefined> {
  const info = await store.head(runScope.stateKey);
  if (!info) return undefined;
  const state = JSON.parse((await store.readBytes(runScope.stateKey)).toString('utf8')) as RunState;
  checkRunId(state.runId);
  return { state, etag: info.etag };
}
