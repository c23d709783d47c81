import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { TrinoSQL } from 'dt-sql-parser';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AthenaEngine } from '#aws/athena-engine.ts';
import { AthenaQueries } from '#aws/athena-query.ts';
import { lake } from '#core/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import { periodOf } from '#core/period.ts';
import type { Model } from '#warehouse/engine.ts';

const athena = mockClient(AthenaClient);
const trino = new TrinoSQL();
const q1 = periodOf(2026, 1);
const q2 = periodOf(2026, 2);
let dir: string;
let store: LocalStore;
let engine: AthenaEngine;

const model = (name: string, sql: string, materialized: Model['materialized']): Model => ({
  name,
  layer: materialized === 'partition' ? 'marts' : 'staging',
  sql,
  materialized,
  dependsOn: [],
});
/** Statements the engine started, in order. */
const started = () =>
  athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input.QueryString ?? '');

beforeEach(async () => {
  athena.reset();
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q' });
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  athena.on(GetQueryResultsCommand).resolves({
    ResultSet: {
      ResultSetMetadata: { ColumnInfo: [{ Name: 'column_name', Type: 'varchar' }] },
      Rows: ['column_name', 'region_code', 'ikm', 'year', 'quarter'].map((v) => ({
        Data: [{ VarCharValue: v }],
      })),
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'athena-engine-'));
  store = new LocalStore(dir);
  const queries = new AthenaQueries(new AthenaClient({ region: 'ap-southeast-3' }), {
    workGroup: 'pipeline',
    database: 'pantau',
    sleep: async () => {},
  });
  engine = new AthenaEngine(queries, store, 'pantau');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('AthenaEngine', () => {
  it('inlines the seeds and relations a query uses, in dependency order, as Trino SQL', async () => {
    await engine.loadSeed({
      name: 'regions',
      columns: [
        { name: 'region_code', type: 'varchar' },
        { name: 'founded', type: 'date' },
      ],
      rows: [
        ["31.71 'kota'", '1527-06-22'],
        ['11', null],
      ],
    });
    await engine.loadSeed({ name: 'calendar', columns: [{ name: 'day', type: 'date' }], rows: [] });
    await engine.bindPeriod(q1);
    await engine.createRelation(model('stg_regions', 'select r.region_code from regions as r', 'relation'));
    await engine.bindPeriod(q2);
    await engine.rows('select s.region_code, p.period from stg_regions as s cross join run_period as p');
    const [sql = ''] = started();
    expect(trino.validate(sql)).toEqual([]);
    expect(sql).toContain("'31.71 ''kota'''");
    expect(sql).toContain("VALUES ('2026-Q2', 2026, 2,");
    expect(sql).not.toContain("VALUES ('2026-Q1'");
    expect(sql).not.toContain('"calendar"');
    expect(sql.indexOf('"regions" AS')).toBeLessThan(sql.indexOf('"stg_regions" AS'));
  });

  it('replaces one period of a mart: deletes its objects, then inserts with the partition values', async () => {
    for (const p of [q1, q2]) await store.write(lake.warehouseKey('ikm_region', p), 'old');
    await store.write(
      lake.warehouseKey('ikm_region', q1).replace('data.parquet', 'athena-extra.parquet'),
      'old',
    );
    await engine.bindPeriod(q1);
    await engine.writePartition(
      model('ikm_region', 'select region_code, 3.1 as ikm from run_period', 'partition'),
      q1,
    );

    const insert = started().at(-1) ?? '';
    expect(trino.validate(insert)).toEqual([]);
    expect(insert).toMatch(/^INSERT INTO "pantau"\."ikm_region" \("region_code", "ikm", "year", "quarter"\)/);
    expect(insert).toContain('SELECT "region_code", "ikm", 2026, 1 FROM (');
    expect(athena).toHaveReceivedCommandWith(StartQueryExecutionCommand, {
      ExecutionParameters: ["'pantau'", "'ikm_region'"],
    });
    expect(await engine.listPartitions('ikm_region')).toEqual([q2]);
  });

  it('lists and drops stored partitions from the lake', async () => {
    for (const p of [q2, q1]) await store.write(lake.warehouseKey('fkp_region', p), 'x');
    expect(await engine.listPartitions('fkp_region')).toEqual([q1, q2]);
    await engine.dropPartition('fkp_region', q1);
    await engine.dropPartition('fkp_region', periodOf(2025, 4));
    expect(await engine.listPartitions('fkp_region')).toEqual([q2]);
  });

  it("reads a mart partition's columns from the catalog, in DuckDB type names, partition keys excluded", async () => {
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: {
          ColumnInfo: [
            { Name: 'column_name', Type: 'varchar' },
            { Name: 'data_type', Type: 'varchar' },
          ],
        },
        Rows: [
          ['column_name', 'data_type'],
          ['region_code', 'varchar'],
          ['respondents', 'bigint'],
          ['computed_at', 'timestamp(3)'],
          ['year', 'integer'],
          ['quarter', 'integer'],
        ].map((r) => ({ Data: r.map((v) => ({ VarCharValue: v })) })),
      },
    });
    expect(await engine.partitionColumns('ikm_region')).toEqual([
      { name: 'region_code', type: 'VARCHAR' },
      { name: 'respondents', type: 'BIGINT' },
      { name: 'computed_at', type: 'TIMESTAMP' },
    ]);
    expect(athena).toHaveReceivedCommandWith(StartQueryExecutionCommand, {
      ExecutionParameters: ["'pantau'", "'ikm_region'"],
    });
  });
});
