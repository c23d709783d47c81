import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { ObjectStore } from '#core/store.ts';
import { type EvaluateResult, evaluate } from '#evaluate/evaluate.ts';
import { AthenaEngine } from './athena-engine.ts';
import { AthenaQueries, AthenaTimeoutError } from './athena-query.ts';
import { MartPartitions } from './mart-partitions.ts';
import { RunError, RunLease, type RunState, type StepRecord } from './run-state.ts';
import { logger, METRIC, MODEL_DIMENSION, metrics } from './telemetry.ts';

/** A run that needs more invocations than this fails (Lambda's recursion guard stops chains at 16). */
export const MAX_INVOCATIONS = 8;
/** Time kept back from the invocation's end for the checkpoint and the continuation. @default 60 s */
export const END_MARGIN_MS = 60_000;

/** The run did not finish within {@link MAX_INVOCATIONS} invocations. */
export class RunTooLongError extends RunError {
  override name = 'RunTooLongError';
}

export interface JobDeps {
  athena: AthenaClient;
  glue: GlueClient;
  lake: ObjectStore;
  lakeBucket: string;
  database: string;
  workGroup: string;
  /** Start the next invocation of the same run (an async self-invoke). */
  continueRun: (request: { period: string; runId: string }) => Promise<void>;
}

export interface JobRequest {
  period: string;
  methodology: string;
  /** Set on a continuation. */
  runId?: string;
  /** Epoch ms. */
  now: number;
  /** The invocation's remaining time at `now`, ms. */
  remainingMs: number;
}

export type JobOutcome =
  | { status: 'done'; runId: string; result: EvaluateResult; steps: StepRecord[] }
  | { status: 'continuing'; runId: string; steps: StepRecord[] }
  | { status: 'obsolete'; runId: string };

/**
 * One invocation of the scheduled job: take the run's lease (one run at a time), stop queries a dead
 * invocation left running, build what the checkpoint does not yet hold against one deadline, then either
 * publish and release, or — at the deadline — checkpoint and hand over to a continuation. Any other
 * failure gives the lease up with the checkpoint kept, so Lambda's retry resumes where this one stopped.
 */
export async function runJob(deps: JobDeps, req: JobRequest): Promise<JobOutcome> {
  const deadline = req.now + req.remainingMs - END_MARGIN_MS;
  const claim = await RunLease.claim(deps.lake, { ...req, leaseUntil: deadline + END_MARGIN_MS });
  if (!claim) return { status: 'obsolete', runId: req.runId ?? '' };
  const { lease, previous } = claim;
  const { runId } = lease.state;
  logger.appendKeys({ run_id: runId, period: req.period });
  const queries = new AthenaQueries(deps.athena, {
    workGroup: deps.workGroup,
    database: deps.database,
    deadline,
    onStart: (running) => lease.track(running),
  });
  if (previous?.queries.length) await queries.stop(previous.queries);
  const engine = (id: string) =>
    new AthenaEngine({
      queries,
      lake: deps.lake,
      lakeBucket: deps.lakeBucket,
      database: deps.database,
      partitions: new MartPartitions(deps.glue, deps.database),
      run: observed(lease, id),
    });
  if (previous && previous.runId !== runId) {
    await engine(previous.runId).dropRunTables(previous.runId, previous.steps);
  }
  const athena = engine(runId);
  try {
    const result = await evaluate({ lake: deps.lake, engine: athena, period: req.period });
    await athena.dropRunTables(runId, lease.state.steps);
    await lease.release();
    logger.info('run finished', summary(lease.state));
    return { status: 'done', runId, result, steps: lease.state.steps };
  } catch (e) {
    if (!(e instanceof AthenaTimeoutError)) {
      await lease.expire(Date.now()).catch(() => undefined);
      throw e;
    }
    if (lease.state.invocations >= MAX_INVOCATIONS) {
      await lease.expire(Date.now());
      throw new RunTooLongError(`run ${runId} did not finish in ${MAX_INVOCATIONS} invocations`);
    }
    await lease.track([]);
    await deps.continueRun({ period: req.period, runId });
    logger.info('run continues in a new invocation', summary(lease.state));
    return { status: 'continuing', runId, steps: lease.state.steps };
  } finally {
    await athena.close();
  }
}

/** The lease as the engine's checkpoint, logging and measuring each step as it is recorded. */
function observed(lease: RunLease, runId: string) {
  return {
    runId,
    done: (model: string) => (runId === lease.state.runId ? lease.done(model) : undefined),
    complete: async (step: StepRecord) => {
      await lease.complete(step);
      logger.info('model built', { ...step });
      const emit = (name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number) => {
        const m = metrics.singleMetric();
        m.addDimension(MODEL_DIMENSION, step.model);
        m.addMetric(name, unit, value);
      };
      if (step.rows !== undefined) emit(METRIC.modelRows, MetricUnit.Count, step.rows);
      emit(METRIC.modelBytesScanned, MetricUnit.Bytes, step.bytesScanned);
      emit(METRIC.modelSeconds, MetricUnit.Seconds, step.seconds);
    },
  };
}

/** The run's totals and its per-model cost, for the summary log line. */
function summary(state: RunState) {
  return {
    invocations: state.invocations,
    steps_done: state.steps.length,
    bytes_scanned: state.steps.reduce((n, s) => n + s.bytesScanned, 0),
    models: state.steps.map((s) => ({ model: s.model, rows: s.rows, bytes: s.bytesScanned, s: s.seconds })),
  };
}
