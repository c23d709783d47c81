import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  type QueryExecutionState,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { AthenaQueries, AthenaQueryError, AthenaTimeoutError } from '#aws/athena-query.ts';
import { resultRows } from '#aws/athena-sql.ts';

const athena = mockClient(AthenaClient);
let sleeps: number[];
let clock: number;
/** Queries against one run deadline `leftMs` from now; sleeping advances the clock. */
const queries = (leftMs = 60_000) =>
  new AthenaQueries(new AthenaClient({ region: 'ap-southeast-3' }), {
    workGroup: 'pipeline',
    database: 'pantau',
    deadline: clock + leftMs,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  });
const state = (State: QueryExecutionState, StateChangeReason?: string) => ({
  QueryExecution: { Status: { State, StateChangeReason } },
});

beforeEach(() => {
  athena.reset();
  sleeps = [];
  clock = 1_000_000;
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
});

describe('AthenaQueries', () => {
  it('starts in the workgroup and database, then polls with doubling delays until it succeeds', async () => {
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce(state('QUEUED'))
      .resolvesOnce(state('RUNNING'))
      .resolvesOnce(state('RUNNING'))
      .resolves(state('SUCCEEDED'));
    expect(await queries().execute('SELECT 1', ["'x'"])).toBe('q-1');
    expect(athena).toHaveReceivedCommandWith(StartQueryExecutionCommand, {
      QueryString: 'SELECT 1',
      WorkGroup: 'pipeline',
      QueryExecutionContext: { Database: 'pantau' },
      ExecutionParameters: ["'x'"],
    });
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it("surfaces Athena's reason when a query fails", async () => {
    athena
      .on(GetQueryExecutionCommand)
      .resolves(state('FAILED', "TABLE_NOT_FOUND: line 1:15: Table 'pantau.nope' does not exist"));
    const run = queries().execute('SELECT * FROM nope');
    await expect(run).rejects.toBeInstanceOf(AthenaQueryError);
    await expect(run).rejects.toThrow(/TABLE_NOT_FOUND.*nope/);
  });

  it('stops a query that outlives its time limit', async () => {
    athena.on(GetQueryExecutionCommand).resolves(state('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    await expect(queries(6_000).execute('SELECT 1')).rejects.toBeInstanceOf(AthenaTimeoutError);
    expect(athena).toHaveReceivedCommandWith(StopQueryExecutionCommand, { QueryExecutionId: 'q-1' });
  });

  it('gives every statement of a run the same deadline, not a fresh time limit each', async () => {
    athena.on(GetQueryExecutionCommand).callsFake(() => {
      clock += 40_000; // each statement takes 40 s of the run's 60 s
      return state('SUCCEEDED');
    });
    athena.on(StopQueryExecutionCommand).resolves({});
    const q = queries(60_000);
    await q.execute('SELECT 1');
    athena.on(GetQueryExecutionCommand).callsFake(() => {
      clock += 40_000;
      return state('RUNNING');
    });
    await expect(q.execute('SELECT 2')).rejects.toBeInstanceOf(AthenaTimeoutError);
    expect(athena).toHaveReceivedCommandTimes(StopQueryExecutionCommand, 1);
    expect(clock - 1_000_000).toBeLessThanOrEqual(60_000 + 40_000);
    await expect(q.execute('SELECT 3')).rejects.toThrow(/deadline before this statement could start/);
    expect(athena).toHaveReceivedCommandTimes(StartQueryExecutionCommand, 2);
  });

  it('records bytes scanned, reports running queries, and stops only those still running', async () => {
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 1234 } },
    });
    const seen: string[][] = [];
    const q = new AthenaQueries(new AthenaClient({ region: 'ap-southeast-3' }), {
      workGroup: 'pipeline',
      database: 'pantau',
      onStart: async (running) => {
        seen.push([...running]);
      },
    });
    await q.execute('SELECT 1');
    expect(q.stats).toEqual([{ id: 'q-1', bytesScanned: 1234, engineMs: 0 }]);
    expect(seen).toEqual([['q-1']]);
    expect([...q.running]).toEqual([]);
    athena
      .on(GetQueryExecutionCommand, { QueryExecutionId: 'old-running' })
      .resolves(state('RUNNING'))
      .on(GetQueryExecutionCommand, { QueryExecutionId: 'old-done' })
      .resolves(state('SUCCEEDED'));
    athena.on(StopQueryExecutionCommand).resolves({});
    await q.stop(['old-running', 'old-done']);
    expect(athena).toHaveReceivedCommandTimes(StopQueryExecutionCommand, 1);
    expect(athena).toHaveReceivedCommandWith(StopQueryExecutionCommand, { QueryExecutionId: 'old-running' });
  });

  it('retries throttled calls and gives up on other errors', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const tooMany = Object.assign(new Error('slow down'), { name: 'TooManyRequestsException' });
    athena
      .on(StartQueryExecutionCommand)
      .rejectsOnce(throttled)
      .rejectsOnce(tooMany)
      .resolves({ QueryExecutionId: 'q-2' });
    athena.on(GetQueryExecutionCommand).resolves(state('SUCCEEDED'));
    expect(await queries().execute('SELECT 1')).toBe('q-2');
    expect(athena).toHaveReceivedCommandTimes(StartQueryExecutionCommand, 3);

    athena
      .on(StartQueryExecutionCommand)
      .rejects(Object.assign(new Error('bad'), { name: 'InvalidRequestException' }));
    await expect(queries().execute('SELECT 1')).rejects.toThrow('bad');
    expect(athena).toHaveReceivedCommandTimes(StartQueryExecutionCommand, 4);
  });

  it('reads every result page, drops the header row and types the values', async () => {
    const ColumnInfo = [
      { Name: 'region_code', Type: 'varchar' },
      { Name: 'respondents', Type: 'integer' },
      { Name: 'ikm', Type: 'double' },
      { Name: 'rows_read', Type: 'bigint' },
      { Name: 'ranked', Type: 'boolean' },
    ];
    const row = (...v: (string | undefined)[]) => ({ Data: v.map((VarCharValue) => ({ VarCharValue })) });
    athena.on(GetQueryExecutionCommand).resolves(state('SUCCEEDED'));
    athena
      .on(GetQueryResultsCommand)
      .resolvesOnce({
        ResultSet: {
          ResultSetMetadata: { ColumnInfo },
          Rows: [
            row('region_code', 'respondents', 'ikm', 'rows_read', 'ranked'),
            row('31.71', '120', '3.25', '9007199254740993', 'true'),
          ],
        },
        NextToken: 'page-2',
      })
      .resolvesOnce({
        ResultSet: {
          ResultSetMetadata: { ColumnInfo },
          Rows: [row('11', undefined, undefined, '0', 'false')],
        },
      });
    const q = queries();
    const rows = await resultRows(q.pages(await q.execute('SELECT …')));
    expect(rows).toEqual([
      { region_code: '31.71', respondents: 120, ikm: 3.25, rows_read: '9007199254740993', ranked: true },
      { region_code: '11', respondents: null, ikm: null, rows_read: '0', ranked: false },
    ]);
    expect(athena).toHaveReceivedCommandWith(GetQueryResultsCommand, {
      QueryExecutionId: 'q-1',
      NextToken: 'page-2',
    });
  });
});
