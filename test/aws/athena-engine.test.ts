import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { GlueClient } from '@aws-sdk/client-glue';
import { HiveSQL, TrinoSQL } from 'dt-sql-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AthenaEngine, type RunSteps } from '#aws/athena-engine.ts';
import { AthenaQueries, AthenaQueryError } from '#aws/athena-query.ts';
import { MartPartitions } from '#aws/mart-partitions.ts';
import { runScope } from '#aws/run-scope.ts';
import type { StepRecord } from '#aws/run-state.ts';
import { LocalStore } from '#core/local-store.ts';
import { periodOf } from '#core/period.ts';
import type { Model } from '#warehouse/engine.ts';
import { type DocumentedModel, orderModels } from '#warehouse/models.ts';
import { transform } from '#warehouse/runner.ts';
import { fakeAthena } from './fake-athena.ts';

const trino = new TrinoSQL();
const hive = new HiveSQL();
const q1 = periodOf(2026, 1);
const RUN = '20260417010000abcdef';
let fake: ReturnType<typeof fakeAthena>;
let dir: string;
let store: LocalStore;
let steps: StepRecord[];

/** A model as its file would declare it; marts declare grain, key and columns (checked by the runner). */
const model = (name: string, sql: string, materialized: Model['materialized']): DocumentedModel => ({
  name,
  layer: materialized === 'partition' ? 'marts' : name.startsWith('stg_') ? 'staging' : 'intermediate',
  file: `sql/${name}.sql`,
  sql,
  materialized,
  dependsOn: [],
  ...(materialized === 'partition'
    ? {
        grain: { id: 'wilayah', en: 'region' },
        key: ['region_code'],
        columns: [
          { name: 'region_code', type: 'string', doc: { id: 'kode', en: 'code' } },
          { name: 'ikm', type: 'double', doc: { id: 'IKM', en: 'IKM' } },
        ],
      }
    : { key: [], columns: [] }),
});
/** A miniature of the warehouse: staging → one intermediate model read by two marts. */
const MODELS = orderModels([
  model('stg_skm_responses', 'select s.region_code, s.u1 from skm_responses as s', 'relation'),
  model('int_ikm_scored', 'select region_code, avg(u1) as ikm from stg_skm_responses group by 1', 'relation'),
  model('ikm_region', 'select i.region_code, i.ikm from int_ikm_scored as i', 'partition'),
  model('ikm_unit', 'select i.region_code, i.ikm * 25 as ikm from int_ikm_scored as i', 'partition'),
]);
const run: RunSteps = {
  runId: RUN,
  done: (m) => steps.find((s) => s.model === m),
  complete: async (s) => {
    steps.push(s);
  },
};
const engine = () =>
  new AthenaEngine({
    queries: new AthenaQueries(new AthenaClient({ region: 'ap-southeast-3' }), {
      workGroup: 'pipeline',
      database: 'pantau',
      sleep: async () => {},
    }),
    lake: store,
    lakeBucket: 'lake',
    database: 'pantau',
    partitions: new MartPartitions(new GlueClient({ region: 'ap-southeast-3' }), 'pantau'),
    run,
  });
const build = (e = engine()) => transform({ lake: store, engine: e, periods: [q1.id], models: MODELS });
const sqls = () => fake.statements.map((s) => s.sql);

beforeEach(async () => {
  fake = fakeAthena();
  steps = [];
  dir = await mkdtemp(join(tmpdir(), 'athena-engine-'));
  store = new LocalStore(dir);
});
afterEach(async () => {
  fake.reset();
  await rm(dir, { recursive: true, force: true });
});

describe('AthenaEngine', () => {
  it('materialises staging and intermediate once per run, reading curated data by literal partition', async () => {
    await build();
    const ctas = sqls().filter((s) => s.startsWith('CREATE TABLE'));
    for (const s of ctas) expect(trino.validate(s), s).toEqual([]);
    // DROP TABLE is Athena DDL: the Hive grammar (backticks)
    for (const s of sqls().filter((x) => x.startsWith('DROP TABLE'))) expect(hive.validate(s), s).toEqual([]);
    const scored = ctas.filter((s) => s.includes('avg(u1)'));
    expect(scored).toHaveLength(1);
    expect(scored[0]).toContain(`"pantau"."${runScope.table(RUN, 'int_ikm_scored')}"`);
    expect(scored[0]).toContain(
      `external_location = 's3://lake/${runScope.scratchModelPrefix(RUN, 'int_ikm_scored')}'`,
    );
    const staging = ctas.find((s) => s.includes(runScope.table(RUN, 'stg_skm_responses')))!;
    expect(staging).toContain('FROM "pantau"."skm_responses" WHERE "year" = 2026 AND "quarter" = 1');
    expect(staging).not.toMatch(/join run_period/i);
    for (const mart of ['ikm_region', 'ikm_unit']) {
      const s = ctas.find((x) => x.includes(runScope.table(RUN, mart)))!;
      expect(s).not.toContain('avg(u1)');
      expect(s).toContain(`SELECT * FROM "pantau"."${runScope.table(RUN, 'int_ikm_scored')}"`);
      expect(s).toContain('CAST("region_code" AS varchar) AS "region_code", CAST("ikm" AS double) AS "ikm"');
    }
  });

  it('switches a mart partition to the new build in one Glue call, then deletes the old build', async () => {
    const old = `${runScope.martRunPrefix('ikm_region', q1, 'old00000run')}part-0.parquet`;
    await store.write(old, 'old');
    await store.write('warehouse/ikm_region/year=2026/quarter=1/data.parquet', 'legacy');
    fake.partitions.set(
      'ikm_region/2026/1',
      's3://lake/warehouse/ikm_region/year=2026/quarter=1/run=old00000run/',
    );
    const prefix = runScope.martRunPrefix('ikm_region', q1, RUN);
    await store.write(`${prefix}part-0.parquet`, 'new');
    await build();
    expect(fake.partitions.get('ikm_region/2026/1')).toBe(`s3://lake/${prefix}`);
    expect(fake.partitions.get('ikm_unit/2026/1')).toBe(
      `s3://lake/${runScope.martRunPrefix('ikm_unit', q1, RUN)}`,
    );
    const left = [];
    for await (const o of store.list('warehouse/ikm_region/')) left.push(o.key);
    // the CTAS target was emptied before the build (a retried step), the old build and legacy file after
    expect(left).toEqual([]);
    expect(sqls()).toContain(`DROP TABLE IF EXISTS \`pantau\`.\`${runScope.table(RUN, 'ikm_region')}\``);
    expect(steps.find((s) => s.model === 'ikm_region')).toMatchObject({ kind: 'partition', rows: 42 });
  });

  it('leaves the previous partition readable when the build fails', async () => {
    const old = `${runScope.martRunPrefix('ikm_unit', q1, 'old00000run')}part-0.parquet`;
    await store.write(old, 'old');
    fake.partitions.set(
      'ikm_unit/2026/1',
      's3://lake/warehouse/ikm_unit/year=2026/quarter=1/run=old00000run/',
    );
    fake.fail(new RegExp(`CREATE TABLE "pantau"."${runScope.table(RUN, 'ikm_unit')}"`));
    await expect(build()).rejects.toBeInstanceOf(AthenaQueryError);
    expect(fake.partitions.get('ikm_unit/2026/1')).toContain('run=old00000run/');
    expect((await store.readBytes(old)).toString()).toBe('old');
    expect(steps.map((s) => s.model)).toEqual(['stg_skm_responses', 'int_ikm_scored', 'ikm_region']);
  });

  it('keeps a build this run already switched in when the step was not recorded', async () => {
    const prefix = runScope.martRunPrefix('ikm_region', q1, RUN);
    await store.write(`${prefix}part-0.parquet`, 'switched');
    fake.partitions.set('ikm_region/2026/1', `s3://lake/${prefix}`);
    await build();
    expect((await store.readBytes(`${prefix}part-0.parquet`)).toString()).toBe('switched');
    expect(
      sqls().some((s) => s.startsWith(`CREATE TABLE "pantau"."${runScope.table(RUN, 'ikm_region')}"`)),
    ).toBe(false);
    expect(steps.find((s) => s.model === 'ikm_region')).toMatchObject({ kind: 'partition', rows: 42 });
  });

  it('resumes a run: finished steps are not built again, their run tables are read', async () => {
    steps.push(
      { model: 'stg_skm_responses', kind: 'relation', bytesScanned: 10, seconds: 1 },
      { model: 'int_ikm_scored', kind: 'relation', bytesScanned: 10, seconds: 1 },
      { model: 'ikm_region', kind: 'partition', rows: 5, bytesScanned: 10, seconds: 1 },
    );
    await build();
    const ctas = sqls().filter((s) => s.startsWith('CREATE TABLE'));
    expect(ctas).toHaveLength(1);
    expect(ctas[0]).toContain(runScope.table(RUN, 'ikm_unit'));
    expect(ctas[0]).toContain(`"pantau"."${runScope.table(RUN, 'int_ikm_scored')}"`);
  });

  it('records the bytes each step scanned, and drops the run tables at the end', async () => {
    const e = engine();
    await build(e);
    for (const s of steps) expect(s.bytesScanned).toBeGreaterThan(0);
    await store.write(`${runScope.scratchModelPrefix(RUN, 'int_ikm_scored')}x.parquet`, 'x');
    await e.dropRunTables(RUN, steps);
    expect(sqls().slice(-2)).toEqual([
      `DROP TABLE IF EXISTS \`pantau\`.\`${runScope.table(RUN, 'stg_skm_responses')}\``,
      `DROP TABLE IF EXISTS \`pantau\`.\`${runScope.table(RUN, 'int_ikm_scored')}\``,
    ]);
    for await (const o of store.list(runScope.scratchPrefix(RUN))) expect.fail(`left ${o.key}`);
  });

  it('lists and drops partitions through the catalog', async () => {
    await build();
    const e = engine();
    expect(await e.listPartitions('ikm_region')).toEqual([q1]);
    await e.dropPartition('ikm_region', q1);
    expect(await e.listPartitions('ikm_region')).toEqual([]);
  });

  it('inlines seeds and run_period as Trino SQL with quoted literals', async () => {
    const e = engine();
    await e.loadSeed({
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
    await e.bindPeriod(q1);
    await e.rows('select r.region_code, p.period from regions as r cross join run_period as p');
    const [sql = ''] = sqls();
    expect(trino.validate(sql)).toEqual([]);
    expect(sql).toContain("'31.71 ''kota'''");
    expect(sql).toContain("VALUES ('2026-Q1', 2026, 1,");
    expect(sql).not.toContain('"skm_responses" AS');
  });

  it("reads a mart partition's columns from the catalog, in DuckDB type names, partition keys excluded", async () => {
    fake.reset();
    fake = fakeAthena({
      martColumns: [
        ['region_code', 'varchar'],
        ['respondents', 'bigint'],
        ['computed_at', 'timestamp(3)'],
        ['year', 'integer'],
        ['quarter', 'integer'],
      ],
    });
    expect(await engine().partitionColumns('ikm_region')).toEqual([
      { name: 'region_code', type: 'VARCHAR' },
      { name: 'respondents', type: 'BIGINT' },
      { name: 'computed_at', type: 'TIMESTAMP' },
    ]);
    expect(fake.statements[0]?.params).toEqual(["'pantau'", "'ikm_region'"]);
  });
});
