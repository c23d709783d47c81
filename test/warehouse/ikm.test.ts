import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { buildWarehouse, type FixtureRow, methodologyWith, tempLake, writeCurated } from './lake-fixture.ts';

const UNSUR = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;

/** `n` questionnaires of one unit; answer k (row-major over the nine unsur) is 3 when k < threes, else 4. */
function respondents(unit: string, n: number, threes: number): FixtureRow[] {
  return Array.from({ length: n }, (_, r) => ({
    response_id: `${unit}-${r}`,
    unit_id: unit,
    unit_name: `Unit ${unit}`,
    survey_date: '2026-02-10',
    ...Object.fromEntries(UNSUR.map((u, i) => [u, r * 9 + i < threes ? 3 : 4])),
  }));
}

// Hand computation (PermenPANRB 14/2017, weight 1/9):
// A: 43 respondents, 1367 points over 387 answers → IKM 3.53230, konversi 88.3075 → 88.31 → A (Sangat Baik).
//    Unrounded, 88.3075 lies between the B maximum 88.30 and the A minimum 88.31.
// B: 19 respondents, 604 points over 171 answers → konversi 88.3041 → 88.30 → B (Baik).
// C: 2 respondents, one all 4, one all 2 with U9 unanswered → NRR U9 = 4 (1 answer), others 3
//    → IKM 28/9 = 3.1111, konversi 77.78 → B.
// Region (pooled over 64 respondents, not the mean of unit IKMs) → IKM 3.51833, konversi 87.96 → B.
const C: FixtureRow[] = [
  {
    response_id: 'C-1',
    unit_id: 'C',
    unit_name: 'Unit C',
    survey_date: '2026-02-10',
    ...Object.fromEntries(UNSUR.map((u) => [u, 4])),
  },
  {
    response_id: 'C-2',
    unit_id: 'C',
    unit_name: 'Unit C',
    survey_date: '2026-02-10',
    ...Object.fromEntries(UNSUR.map((u) => [u, u === 'u9' ? null : 2])),
  },
];

describe('ikm_unit and ikm_region', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    const store = await tempLake();
    await writeCurated(store, 'skm', '2026-Q1', '31.71', [
      ...respondents('A', 43, 181),
      ...respondents('B', 19, 80),
      ...C,
    ]);
    engine = await buildWarehouse(store, ['2026-Q1']);
  });
  afterAll(() => engine.close());

  test('grades on konversi rounded to 2 decimals, at the 88.30 / 88.31 boundary', async () => {
    const rows = await engine.rows<{
      unit_id: string;
      respondents: string;
      ikm: number;
      ikm_konversi: number;
      mutu: string;
      kinerja: string;
    }>('select unit_id, respondents, ikm, ikm_konversi, mutu, kinerja from ikm_unit order by unit_id');
    expect(rows.map((r) => [r.unit_id, r.respondents, r.ikm_konversi, r.mutu, r.kinerja])).toEqual([
      ['A', '43', 88.31, 'A', 'Sangat Baik'],
      ['B', '19', 88.3, 'B', 'Baik'],
      ['C', '2', 77.78, 'B', 'Baik'],
    ]);
    expect(rows[0]!.ikm).toBeCloseTo(1367 / 387, 12);
  });

  test('NRR per unsur is over the respondents who answered it', async () => {
    const [c] = await engine.rows<{ nrr_u1: number; nrr_u9: number }>(
      "select nrr_u1, nrr_u9 from ikm_unit where unit_id = 'C'",
    );
    expect(c).toEqual({ nrr_u1: 3, nrr_u9: 4 });
    const [a] = await engine.rows<{ nrr_u1: number; nrr_u2: number }>(
      "select nrr_u1, nrr_u2 from ikm_unit where unit_id = 'A'",
    );
    expect(a!.nrr_u1).toBeCloseTo(151 / 43, 12);
    expect(a!.nrr_u2).toBeCloseTo(152 / 43, 12);
  });

  test('the region pools all its respondents', async () => {
    const rows = await engine.rows(
      'select region_code, units, respondents, ikm_konversi, mutu from ikm_region',
    );
    expect(rows).toEqual([
      { region_code: '31.71', units: '3', respondents: '64', ikm_konversi: 87.96, mutu: 'B' },
    ]);
  });
});

test('the printed 0,111 weight is a methodology option', async () => {
  const store = await tempLake();
  await writeCurated(store, 'skm', '2026-Q1', '31.71', respondents('A', 43, 181));
  const file = await methodologyWith((m) => {
    m.ikm.weight_rule = 'printed';
  });
  const engine = await buildWarehouse(store, ['2026-Q1'], file);
  try {
    // 9 × 3.53230 × 0.111 = 3.52877 → × 25 = 88.22 → B
    expect(await engine.rows('select ikm_konversi, mutu, weight_rule from ikm_unit')).toEqual([
      { ikm_konversi: 88.22, mutu: 'B', weight_rule: 'printed' },
    ]);
  } finally {
    await engine.close();
  }
});
