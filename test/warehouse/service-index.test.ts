import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REGIONS } from '#core/regions.ts';
import type { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import {
  buildWarehouse,
  type FixtureRow,
  methodologyWith,
  tempLake,
  writeCurated,
  writeLedger,
} from './lake-fixture.ts';

/** `n` questionnaires answering every unsur with `score` (IKM konversi = 25 × score). */
const answers = (n: number, score: number): FixtureRow[] =>
  Array.from({ length: n }, (_, r) => ({
    response_id: `r${r}`,
    unit_id: 'U1',
    unit_name: 'Unit 1',
    survey_date: '2026-02-10',
    ...Object.fromEntries(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'].map((u) => [u, score])),
  }));

interface Row {
  region_code: string;
  index_score: number | null;
  category: string | null;
  missing_components: string | null;
  ranked: boolean;
  not_ranked_reason: string | null;
  rank_national: number | null;
  rank_in_province: number | null;
  rank_change: number | null;
}

describe('service_index_region', () => {
  let engine: DuckDbEngine;
  let rows: Map<string, Row>;
  beforeAll(async () => {
    const store = await tempLake();
    // Only SKM data: complaint and FKP weights move to the IKM score, so index = konversi / 20.
    // Previous period: 31.72 first, 31.71 second.
    await writeCurated(store, 'skm', '2026-Q1', '31.72', answers(3, 4));
    await writeCurated(store, 'skm', '2026-Q1', '31.71', answers(3, 3));
    await writeCurated(store, 'skm', '2026-Q2', '31.71', answers(4, 4)); // 5.00
    await writeCurated(store, 'skm', '2026-Q2', '31.72', answers(3, 3)); // 3.75
    await writeCurated(store, 'skm', '2026-Q2', '31.73', answers(3, 3)); // 3.75 (tie)
    await writeCurated(store, 'skm', '2026-Q2', '31.74', answers(3, 2)); // 2.50
    await writeCurated(store, 'skm', '2026-Q2', '32.01', answers(3, 1)); // 1.25, another province
    await writeCurated(store, 'skm', '2026-Q2', '31.75', answers(2, 4)); // too few respondents
    await writeCurated(store, 'skm', '2026-Q2', '31', answers(3, 4)); // a province
    await writeLedger(store, { dataset: 'skm', region_code: '31.01', period: '2026-Q2', status: 'rejected' });
    // hand-computed for v1 (weights spread); v2's missing-is-zero rule: methodology-v2 tests
    const file = await methodologyWith((m) => {
      m.ranking.min_respondents = 3;
    }, 'v1');
    engine = await buildWarehouse(store, ['2026-Q1', '2026-Q2'], file);
    const all = await engine.rows<Row & { period: string }>(
      "select * from service_index_region where period = '2026-Q2'",
    );
    rows = new Map(all.map((r) => [r.region_code, r]));
  });
  afterAll(() => engine.close());

  const pick = (code: string) => {
    const r = rows.get(code)!;
    return [r.index_score, r.category, r.rank_national, r.rank_in_province, r.rank_change];
  };

  test('one row for each of the 552 regions', () => {
    expect(rows.size).toBe(REGIONS.length);
    expect(REGIONS.length).toBe(552);
  });

  test('competition ranks 1, 2, 2, 4 among kabupaten/kota, nationally and in the province', () => {
    expect(pick('31.71')).toEqual([5, 'A', 1, 1, 1]);
    expect(pick('31.72')).toEqual([3.75, 'B', 2, 2, -1]);
    expect(pick('31.73')).toEqual([3.75, 'B', 2, 2, null]);
    expect(pick('31.74')).toEqual([2.5, 'C-', 4, 4, null]);
    expect(pick('32.01')).toEqual([1.25, 'E', 5, 1, null]);
  });

  test('provinces rank among provinces only, without a province rank', () => {
    expect(pick('31')).toEqual([5, 'A', 1, null, null]);
  });

  test('missing components are flagged and their weight spread', () => {
    expect(rows.get('31.71')!.missing_components).toBe('complaint,fkp');
    expect(rows.get('32')!.missing_components).toBe('ikm,complaint,fkp');
  });

  test('exclusions say why, in Bahasa Indonesia', () => {
    const reason = (code: string) => [
      rows.get(code)!.ranked,
      rows.get(code)!.not_ranked_reason,
      rows.get(code)!.rank_national,
    ];
    expect(reason('31.71')).toEqual([true, null, 1]);
    expect(reason('31.75')).toEqual([false, 'Responden SKM kurang dari 3 (2 responden)', null]);
    expect(reason('31.01')).toEqual([false, 'Tidak ada data SKM yang diterima: kiriman SKM ditolak', null]);
    expect(reason('32')).toEqual([false, 'Tidak ada data SKM: SKM belum dikirim', null]);
  });
});
