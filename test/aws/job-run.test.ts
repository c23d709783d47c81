import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaClient, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { GlueClient } from '@aws-sdk/client-glue';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { END_MARGIN_MS, type JobDeps, runJob } from '#aws/job-run.ts';
import { runScope } from '#aws/run-scope.ts';
import { RunInProgressError, type RunState } from '#aws/run-state.ts';
import { LocalStore } from '#core/local-store.ts';
import { loadModels } from '#warehouse/models.ts';
import { declaredColumns, fakeAthena } from './fake-athena.ts';

const MODELS = await loadModels();
const MARTS = MODELS.filter((m) => m.materialized === 'partition').map((m) => m.name);
const T0 = Date.parse('2026-04-17T01:00:00Z');
let fake: ReturnType<typeof fakeAthena>;
let dir: string;
let lake: LocalStore;
let continued: { period: string; runId: string }[];
/** Simulated time each Athena poll takes. */
let pollMs: number;

const deps = (): JobDeps => ({
  athena: new AthenaClient({ region: 'ap-southeast-3' }),
  glue: new GlueClient({ region: 'ap-southeast-3' }),
  lake,
  lakeBucket: 'lake',
  database: 'pantau',
  workGroup: 'pantau-pipeline',
  continueRun: async (r) => {
    continued.push(r);
  },
});
const request = (over: Partial<Parameters<typeof runJob>[1]> = {}) => ({
  period: '2026-Q1',
  methodology: 'v1',
  now: Date.now(),
  remainingMs: 900_000,
  ...over,
});
const state = async () => JSON.parse((await lake.readBytes(runScope.stateKey)).toString()) as RunState;
/** The statements that built `model` (CTAS of its run table). */
const ctasOf = (model: string) =>
  fake.statements.filter((s) => new RegExp(`^CREATE TABLE "pantau"\\."run_[0-9a-z]+_${model}"`).test(s.sql));

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  pollMs = 0;
  fake = fakeAthena({
    martColumns: declaredColumns(MODELS),
    onPoll: () => vi.setSystemTime(Date.now() + pollMs),
  });
  continued = [];
  dir = await mkdtemp(join(tmpdir(), 'job-run-'));
  lake = new LocalStore(dir);
});
afterEach(async () => {
  vi.useRealTimers();
  fake.reset();
  await rm(dir, { recursive: true, force: true });
});

describe('the scheduled job run', () => {
  it('builds every mart once, publishes, drops its run tables and releases the lock', async () => {
    const outcome = await runJob(deps(), request());
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.steps.map((s) => s.model).sort()).toEqual(MODELS.map((m) => m.name).sort());
    for (const m of MARTS) expect(ctasOf(m), m).toHaveLength(1);
    expect(outcome.steps.filter((s) => s.kind === 'partition').every((s) => s.rows === 42)).toBe(true);
    expect(await lake.head(runScope.stateKey)).toBeUndefined();
    const drops = fake.statements.filter((s) => s.sql.startsWith('DROP TABLE')).map((s) => s.sql);
    for (const m of MODELS.filter((x) => x.materialized === 'relation'))
      expect(drops).toContain(`DROP TABLE IF EXISTS \`pantau\`.\`${runScope.table(outcome.runId, m.name)}\``);
    expect(await lake.head(`published/rankings/2026-Q1/latest.json`)).toBeDefined();
  });

  it('stops at one deadline for the run, checkpoints, and a continuation resumes without rebuilding', async () => {
    pollMs = 30_000;
    const first = await runJob(deps(), request({ remainingMs: END_MARGIN_MS + 8 * 60_000 }));
    expect(first.status).toBe('continuing');
    expect(Date.now() - T0).toBeLessThanOrEqual(8 * 60_000 + 30_000);
    expect(continued).toEqual([{ period: '2026-Q1', runId: first.runId }]);
    const saved = await state();
    expect(saved.steps.length).toBeGreaterThan(0);
    expect(saved.steps.length).toBeLessThan(MODELS.length);
    expect(saved.queries).toEqual([]);
    const builtFirst = saved.steps.map((s) => s.model);

    pollMs = 0;
    const second = await runJob(deps(), request({ runId: first.runId, now: Date.now() }));
    expect(second.status).toBe('done');
    for (const m of builtFirst) expect(ctasOf(m), m).toHaveLength(1);
  });

  it('refuses to start beside a run that holds the lease, starting no query', async () => {
    const holder: RunState = {
      runId: '20260417000000aaaaaa',
      period: '2025-Q4',
      methodology: 'v1',
      startedAt: new Date(T0 - 60_000).toISOString(),
      expiresAt: new Date(T0 + 10 * 60_000).toISOString(),
      invocations: 1,
      steps: [],
      queries: ['q-old'],
    };
    await lake.write(runScope.stateKey, JSON.stringify(holder));
    await expect(runJob(deps(), request())).rejects.toBeInstanceOf(RunInProgressError);
    expect(fake.statements).toEqual([]);
  });

  it('takes over an expired run: stops its queries, drops its tables, then runs', async () => {
    const stale: RunState = {
      runId: '20260101000000bbbbbb',
      period: '2025-Q4',
      methodology: 'v1',
      startedAt: new Date(T0 - 3_600_000).toISOString(),
      expiresAt: new Date(T0 - 1_000).toISOString(),
      invocations: 1,
      steps: [{ model: 'stg_units', kind: 'relation', bytesScanned: 1, seconds: 1 }],
      queries: ['q-left-running'],
    };
    await lake.write(runScope.stateKey, JSON.stringify(stale));
    await lake.write(`${runScope.scratchModelPrefix(stale.runId, 'stg_units')}part.parquet`, 'x');
    const outcome = await runJob(deps(), request());
    expect(outcome.status).toBe('done');
    expect(outcome.runId).not.toBe(stale.runId);
    expect(fake.athena).toHaveReceivedCommandWith(StopQueryExecutionCommand, {
      QueryExecutionId: 'q-left-running',
    });
    expect(fake.statements.map((s) => s.sql)).toContain(
      `DROP TABLE IF EXISTS \`pantau\`.\`${runScope.table(stale.runId, 'stg_units')}\``,
    );
    for await (const o of lake.list(runScope.scratchPrefix(stale.runId))) expect.fail(`left ${o.key}`);
  });

  it('on a failure gives the lease up and keeps the checkpoint, so the retry resumes', async () => {
    fake.fail(/CREATE TABLE "pantau"\."run_\w+_service_index_region"/);
    await expect(runJob(deps(), request())).rejects.toThrow(/boom/);
    const saved = await state();
    expect(Date.parse(saved.expiresAt)).toBeLessThanOrEqual(Date.now());
    expect(saved.steps.some((s) => s.model === 'ikm_region')).toBe(true);
    fake.reset();
    fake = fakeAthena({ martColumns: declaredColumns(MODELS) });
    const retry = await runJob(deps(), request());
    expect(retry.runId).toBe(saved.runId);
    expect(ctasOf('ikm_region')).toHaveLength(0);
    expect(ctasOf('service_index_region')).toHaveLength(1);
  });
});
