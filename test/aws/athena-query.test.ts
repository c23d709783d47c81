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
const queries = (timeoutMs = 60_000) =>
  new AthenaQueries(new AthenaClient({ region: 'ap-southeast-3' }), {
    workGroup: 'pipeline',
    database: 'pantau',
    timeoutMs,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
const state = (State: QueryExecutionState, StateChangeReason?: string) => ({
  QueryExecution: { Status: { State, StateChangeReason } },
});

beforeEach(() => {
  athena.reset();
  sleeps = [];
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
    await expect(queries(0).execute('SELECT 1')).rejects.toBeInstanceOf(AthenaTimeoutError);
    expect(athena).toHaveReceivedCommandWith(StopQueryExecutionCommand, { QueryExecutionId: 'q-1' });
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
