import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { attachLake, hasFiles, queryLake } from '#core/catalog.ts';
import { Duck, literal } from '#core/duckdb.ts';
import { lake } from '#core/lake.ts';
import type { LocalStore } from '#core/local-store.ts';
import { parsePeriod } from '#core/period.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { transform } from '#warehouse/runner.ts';
import { tempLake, writeCurated, writeLedger } from './lake-fixture.ts';

const P = '2026-Q3';
const units = (region: string) => [
  { unit_id: `${region}-U1`, unit_name: 'Unit 1', unit_type: 'dinas', annual_service_users: 1200 },
];

/** Rows of a query on a fresh catalog of the lake (what `pantau query` sees). */
async function query<T>(store: LocalStore, sql: string): Promise<T[]> {
  const duck = await Duck.open({ threads: 1 });
  try {
    await attachLake(duck, store.root);
    return await duck.rows<T>(sql);
  } finally {
    duck.close();
  }
}

describe('curated views', () => {
  let store: LocalStore;
  beforeAll(async () => {
    store = await tempLake();
    await writeCurated(store, 'units', P, '31.71', units('31.71'));
  });

  test('files with the same columns are read as one table', async () => {
    await writeCurated(store, 'units', P, '31.72', units('31.72'));
    const rows = await query<{ region_code: string; annual_service_users: number }>(
      store,
      'select region_code, annual_service_users from units order by region_code',
    );
    expect(rows).toEqual([
      { region_code: '31.71', annual_service_users: 1200 },
      { region_code: '31.72', annual_service_users: 1200 },
    ]);
  });

  test('a file without a column (an older schema) still reads, its rows NULL in that column', async () => {
    const older = store.path(lake.curatedKey('units', parsePeriod(P)!, '31.73'));
    const duck = await Duck.open({ threads: 1 });
    try {
      const current = store.path(lake.curatedKey('units', parsePeriod(P)!, '31.72'));
      await duck.run(
        `COPY (SELECT * EXCLUDE (annual_service_users) REPLACE ('31.73' AS region_code) FROM read_parquet(${literal(current)})) TO ${literal(older)} (FORMAT parquet)`,
      );
    } finally {
      duck.close();
    }
    const rows = await query<{ region_code: string; annual_service_users: number | null }>(
      store,
      'select region_code, annual_service_users from units order by region_code',
    );
    expect(rows.map((r) => [r.region_code, r.annual_service_users])).toEqual([
      ['31.71', 1200],
      ['31.72', 1200],
      ['31.73', null],
    ]);
  });
});

describe('the ledger in the DuckDB engine', () => {
  let store: LocalStore;
  let engine: DuckDbEngine;
  beforeAll(async () => {
    store = await tempLake();
    await writeCurated(store, 'units', P, '31.71', units('31.71'));
    await writeLedger(store, {
      dataset: 'skm',
      region_code: '31.71',
      period: P,
      status: 'rejected',
      uploaded_at: '2026-10-03T02:00:00.000Z',
      errors: ['Kolom u1 tidak ada', 'Kolom u2 tidak ada'],
      nihil: true,
    });
    engine = await DuckDbEngine.open(store);
  });
  afterAll(() => engine.close());

  test('holds every entry with its typed columns, as the catalog reads them', async () => {
    const sql =
      "select submission_id, status, cast(uploaded_at as varchar) as uploaded_at, errors, nihil, size_bytes from submissions where dataset = 'skm'";
    const fromEngine = await engine.rows(sql);
    expect(fromEngine).toEqual([
      {
        submission_id: `sub-skm-31.71-${P}-rejected`,
        status: 'rejected',
        uploaded_at: '2026-10-03 02:00:00',
        errors: ['Kolom u1 tidak ada', 'Kolom u2 tidak ada'],
        nihil: true,
        size_bytes: '1',
      },
    ]);
    await transform({ lake: store, engine, periods: [P] });
    expect(await engine.rows(sql)).toEqual(fromEngine);
    expect(await query(store, sql)).toEqual(fromEngine);
  });

  test('holds the entry of an unresolvable upload key too, beside the others', async () => {
    const id = 'a1b2c3d4e5f6a7b8c9d0';
    await store.write(
      lake.invalidLedgerKey(id),
      JSON.stringify({ submission_id: id, source_key: 'uploads/31.71/skm/x.csv', status: 'rejected' }),
    );
    const rows = await queryLake<{ submission_id: string; source_key: string }>(
      store.root,
      'select submission_id, source_key from submissions order by submission_id',
    );
    expect(rows).toEqual([
      { submission_id: id, source_key: 'uploads/31.71/skm/x.csv' },
      { submission_id: `sub-skm-31.71-${P}-rejected`, source_key: 'fixture' },
    ]);
  });

  test('is read again for each period built: an entry written after the engine opened counts', async () => {
    const status = () =>
      engine.rows<{ status: string; submissions: string }>(
        "select status, submissions from submission_status where region_code = '31.71' and dataset = 'skm'",
      );
    await transform({ lake: store, engine, periods: [P] });
    expect(await status()).toEqual([{ status: 'rejected', submissions: '1' }]);
    await writeLedger(store, {
      dataset: 'skm',
      region_code: '31.71',
      period: P,
      status: 'accepted',
      uploaded_at: '2026-10-04T02:00:00.000Z',
    });
    await transform({ lake: store, engine, periods: [P] });
    expect(await status()).toEqual([{ status: 'on_time', submissions: '2' }]);
  });
});

describe('a query reads the tables it names', () => {
  let store: LocalStore;
  beforeAll(async () => {
    store = await tempLake();
    await writeCurated(store, 'units', P, '31.71', units('31.71'));
    // a file that is no Parquet among the curated SKM files: any read of that table fails
    const broken = store.path(lake.curatedKey('skm', parsePeriod(P)!, '31.72'));
    await mkdir(dirname(broken), { recursive: true });
    await writeFile(broken, 'not parquet');
  });

  test('a table the statement does not name is not read: its files cannot stop it', async () => {
    expect(await queryLake(store.root, 'select region_code from units')).toEqual([{ region_code: '31.71' }]);
    await expect(queryLake(store.root, 'select count(*) from skm_responses')).rejects.toThrow(
      /31\.72\.parquet/,
    );
  });

  test('every table of the lake is named, its view made only when wanted', async () => {
    const duck = await Duck.open({ threads: 1 });
    try {
      const names = await attachLake(duck, store.root, (name) => name === 'units');
      expect(names).toEqual(expect.arrayContaining(['skm_responses', 'units', 'submissions']));
      const views = await duck.rows<{ view_name: string }>(
        'select view_name from duckdb_views() where not internal order by view_name',
      );
      expect(views).toEqual([{ view_name: 'units' }]);
    } finally {
      duck.close();
    }
  });

  test('a data file is found however deep, and only with its ending', async () => {
    expect(await hasFiles(join(store.root, 'curated'), '.parquet')).toBe(true);
    expect(await hasFiles(join(store.root, 'curated'), '.json')).toBe(false);
    expect(await hasFiles(join(store.root, 'no-such-folder'), '.parquet')).toBe(false);
  });
});
