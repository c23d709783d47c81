import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { END_MARGIN_MS } from '#aws/job-run.ts';
import { runScope } from '#aws/run-scope.ts';
import type { S3Store } from '#aws/s3-store.ts';
import { loadModels } from '#warehouse/models.ts';
import { declaredColumns, fakeAthena } from './fake-athena.ts';
import { handlerEnv, type LocalS3, startS3 } from './s3rver.ts';

const lambda = mockClient(LambdaClient);
let s3: LocalS3;
let lakeStore: S3Store;
let fake: ReturnType<typeof fakeAthena>;
let handler: typeof import('../../functions/evaluate/handler.ts').handler;
let pollMs = 0;

const context = (remainingMs: number) =>
  ({
    functionName: 'pantau-job',
    awsRequestId: 'req-1',
    getRemainingTimeInMillis: () => remainingMs,
  }) as unknown as Context;

beforeAll(async () => {
  s3 = await startS3(['lake']);
  Object.assign(process.env, await handlerEnv(s3), {
    DATABASE: 'pantau',
    WORKGROUP: 'pantau-pipeline',
    METHODOLOGY_VERSION: 'v1',
    PROJECTED_YEARS: '2025-2030',
    AWS_LAMBDA_FUNCTION_NAME: 'pantau-job',
  });
  fake = fakeAthena({
    martColumns: declaredColumns(await loadModels()),
    onPoll: () => vi.setSystemTime(Date.now() + pollMs),
  });
  lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
  ({ handler } = await import('../../functions/evaluate/handler.ts'));
  const { S3Store: Store } = await import('#aws/s3-store.ts');
  lakeStore = new Store(s3.client, 'lake');
});
afterAll(async () => {
  vi.useRealTimers();
  fake.reset();
  lambda.reset();
  await s3?.stop();
});

describe('evaluate handler: one run over invocations, against S3 (s3rver) and Athena/Glue/Lambda mocks', () => {
  it('hands a run that reaches its deadline to a continuation, which finishes and publishes it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    pollMs = 30_000;
    const first = (await handler({ period: '2026-Q1' }, context(END_MARGIN_MS + 4 * 60_000))) as {
      status: string;
      runId: string;
    };
    expect(first.status).toBe('continuing');
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: 'pantau-job',
      InvocationType: 'Event',
      Payload: JSON.stringify({ period: '2026-Q1', runId: first.runId }) as never,
    });
    expect(await lakeStore.head(runScope.stateKey)).toBeDefined();

    pollMs = 0;
    const second = (await handler({ period: '2026-Q1', runId: first.runId }, context(900_000))) as {
      status: string;
      runId: string;
      manifest: { period: string };
    };
    expect(second).toMatchObject({ status: 'done', runId: first.runId, manifest: { period: '2026-Q1' } });
    expect(await lakeStore.head(runScope.stateKey)).toBeUndefined();
    expect(await lakeStore.head('published/rankings/2026-Q1/latest.json')).toBeDefined();
    const again = await handler({ period: '2026-Q1', runId: first.runId }, context(900_000));
    expect(again).toMatchObject({ status: 'obsolete' });
  });

  it('rejects a period that is not YYYY-Qn, or outside the projected years, before touching anything', async () => {
    // no statement at all: a search for '2031' in their text also matched run ids made at 10:xx on 3 December
    const before = fake.statements.length;
    await expect(handler({ period: '2026-Q5' }, context(900_000))).rejects.toThrow(/periode tidak valid/);
    await expect(handler({ period: '2031-Q1' }, context(900_000))).rejects.toThrow(
      /di luar tahun yang diproyeksikan/,
    );
    expect(fake.statements.slice(before)).toEqual([]);
  });
});
