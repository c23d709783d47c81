import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lake } from '#core/lake.ts';
import type { LocalStore } from '#core/local-store.ts';
import { parsePeriod } from '#core/period.ts';
import { dataDictionary, renderDictionary } from '#warehouse/dictionary.ts';
import type { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { loadModels } from '#warehouse/models.ts';
import { DICTIONARY_FILE } from '#warehouse/render-dictionary.ts';
import { PeriodError, transform } from '#warehouse/runner.ts';
import { buildWarehouse, tempLake, writeCurated } from './lake-fixture.ts';

const MARTS = (await loadModels()).filter((m) => m.materialized === 'partition');
const GLUE_OF_DUCK: Record<string, string> = {
  VARCHAR: 'string',
  INTEGER: 'int',
  BIGINT: 'bigint',
  DOUBLE: 'double',
  BOOLEAN: 'boolean',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
};

async function seed(store: LocalStore, period: string): Promise<void> {
  const u = { u1: 3, u2: 4, u3: 3, u4: 4, u5: 3, u6: 3, u7: 4, u8: 3, u9: 3 };
  await writeCurated(store, 'skm', period, '31.71', [
    { response_id: 'a', unit_id: 'U1', unit_name: 'Unit 1', survey_date: '2026-02-01', ...u },
    { response_id: 'b', unit_id: 'U2', unit_name: 'Unit 2', survey_date: '2026-02-01', ...u, u9: 1 },
  ]);
  await writeCurated(store, 'complaints', period, '31.71', [
    {
      complaint_id: 'c1',
      unit_id: 'U1',
      received_at: '2026-01-05 09:00:00',
      verified_at: '2026-01-06 09:00:00',
      status: 'proses',
      classification: 'aspirasi',
    },
  ]);
  await writeCurated(store, 'fkp', period, '31.71', [
    {
      forum_id: 'f1',
      unit_id: 'U1',
      unit_name: 'Unit 1',
      forum_date: '2026-02-03',
      mode: 'daring',
      topic: 't',
      participants_users: 3,
      participants_experts: 0,
      participants_agencies: 1,
      participants_cso: 0,
      participants_media: 0,
      agreements_count: 1,
      rtl_planned: 2,
      rtl_done: 1,
      berita_acara: true,
      published: false,
    },
  ]);
}

describe('runner on a two-period lake', () => {
  let store: LocalStore;
  let engine: DuckDbEngine;
  beforeAll(async () => {
    store = await tempLake();
    await seed(store, '2026-Q1');
    await seed(store, '2026-Q2');
    engine = await buildWarehouse(store, ['2026-Q1', '2026-Q2']);
  });
  afterAll(() => engine.close());

  test("each period's marts read that period's curated rows only (the engine binds the curated tables)", async () => {
    const rows = await engine.rows<{ period: string; respondents: string }>(
      "select period, respondents from ikm_region where region_code = '31.71' order by period",
    );
    expect(rows.map((r) => [r.period, Number(r.respondents)])).toEqual([
      ['2026-Q1', 2],
      ['2026-Q2', 2],
    ]);
  });

  test('every mart column is documented in its header with the type the engine produces', async () => {
    for (const mart of MARTS) {
      const described = await engine.rows<{ column_name: string; column_type: string }>(
        `describe select * exclude (year, quarter) from ${mart.name}`,
      );
      const actual = described.map((c) => ({
        name: c.column_name,
        type: GLUE_OF_DUCK[c.column_type] ?? c.column_type,
      }));
      expect(actual, mart.name).toEqual(mart.columns.map((c) => ({ name: c.name, type: c.type })));
      expect(mart.grain?.id, mart.name).toBeTruthy();
    }
  });

  test('rebuilding a period gives identical Parquet bytes and leaves other periods untouched', async () => {
    const key = (m: string, p: string) => store.path(lake.warehouseKey(m, parsePeriod(p)!));
    const before = await Promise.all(
      MARTS.map(async (m) => ({
        q1: await stat(key(m.name, '2026-Q1')),
        q2: await readFile(key(m.name, '2026-Q2')),
      })),
    );
    await new Promise((r) => setTimeout(r, 20));
    await transform({ lake: store, engine, periods: ['2026-Q2'] });
    for (const [i, m] of MARTS.entries()) {
      const q1 = await stat(key(m.name, '2026-Q1'));
      expect([q1.mtimeMs, q1.ino], m.name).toEqual([before[i]!.q1.mtimeMs, before[i]!.q1.ino]);
      expect((await readFile(key(m.name, '2026-Q2'))).equals(before[i]!.q2), m.name).toBe(true);
    }
    expect(await engine.listPartitions('ikm_region')).toEqual([
      parsePeriod('2026-Q1'),
      parsePeriod('2026-Q2'),
    ]);
  });

  test("'all' finds every curated period; a bad period is refused before anything runs", async () => {
    const result = await transform({ lake: store, engine, periods: 'all' });
    expect(result.periods).toEqual(['2026-Q1', '2026-Q2']);
    await expect(transform({ lake: store, engine, periods: ["2026-Q1' or 1=1 --"] })).rejects.toBeInstanceOf(
      PeriodError,
    );
  });
});

test('docs/data-dictionary.md is the rendering of the definitions (run `npm run docs`)', async () => {
  expect(await readFile(DICTIONARY_FILE, 'utf8')).toBe(renderDictionary(await dataDictionary()));
});
