import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { buildWarehouse, type FixtureRow, methodologyWith, tempLake, writeCurated } from './lake-fixture.ts';

const UNSUR = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;

/** Each unit's submission times (seconds) as the fixture wrote them. */
const seconds = new Map<string, number[]>();

/** The shortest span of `count` consecutive questionnaires of a unit, when at most `window` seconds. */
function shortestBurst(unit: string, count: number, window: number): string | null {
  const t = [...(seconds.get(unit) ?? [])].sort((a, b) => a - b);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i + count - 1 < t.length; i++) best = Math.min(best, t[i + count - 1]! - t[i]!);
  return best <= window ? String(best) : null;
}

/** One questionnaire of `unit` submitted at `at` (seconds after 2026-01-01 00:00:00 UTC). */
function questionnaire(unit: string, id: string, at: number, answers: number[], profile = {}): FixtureRow {
  seconds.set(unit, [...(seconds.get(unit) ?? []), at]);
  return {
    response_id: `${unit}-${id}`,
    unit_id: unit,
    unit_name: `Unit ${unit}`,
    survey_date: '2026-01-02',
    submitted_at: new Date(Date.UTC(2026, 0, 1) + at * 1000).toISOString().replace('Z', ''),
    gender: 'P',
    age: 30,
    education: 'S1',
    occupation: 'PNS',
    ...Object.fromEntries(UNSUR.map((u, i) => [u, answers[i] ?? null])),
    ...profile,
  };
}

const varied = (i: number) => UNSUR.map((_, k) => 1 + ((i + k) % 4));
const day = 86_400;

/**
 * BIG: 10,050 questionnaires one every 10 minutes, more than one array chunk (Trino's sequence returns at most
 * 10,000 positions), with 21 more in 320 s across position 10,000; then after them: a run of 20 in 285 s,
 * two identical questionnaires, two with NULL answers and profile that are identical too, and two at one time
 * that differ. EDGE: 20 in exactly 600 s (the window: a burst) and FAR: 20 in 601 s (not one). FEW: 19
 * questionnaires in one second (fewer than the burst count). DUP: five, two of them copies at a time shared
 * with a third that differs. ONE: a single one.
 */
function rows(): FixtureRow[] {
  const out: FixtureRow[] = [];
  for (let i = 0; i < 10_050; i++) out.push(questionnaire('BIG', `r${i}`, i * 600, varied(i)));
  // 21 in 320 s at positions 9,991 to 10,011, across the chunks' boundary (a run of 21 only there)
  for (let i = 0; i < 21; i++) out.push(questionnaire('BIG', `s${i}`, 9_989 * 600 + 100 + i * 16, varied(i)));
  const late = 75 * day;
  for (let i = 0; i < 20; i++) out.push(questionnaire('BIG', `b${i}`, late + i * 15, varied(i)));
  out.push(questionnaire('BIG', 'c1', late + day, [4, 4, 3, 3, 2, 2, 1, 1, 4]));
  out.push(questionnaire('BIG', 'c2', late + day, [4, 4, 3, 3, 2, 2, 1, 1, 4]));
  const blank = { gender: null, age: null, education: null, occupation: null };
  out.push(questionnaire('BIG', 'n1', late + 2 * day, [4, 4, 4, 4, 4, 4, 4, 4], blank));
  out.push(questionnaire('BIG', 'n2', late + 2 * day, [4, 4, 4, 4, 4, 4, 4, 4], blank));
  out.push(questionnaire('BIG', 'd1', late + 3 * day, [1, 1, 1, 1, 1, 1, 1, 1, 1]));
  out.push(questionnaire('BIG', 'd2', late + 3 * day, [1, 1, 1, 1, 1, 1, 1, 1, 2]));
  for (let i = 0; i < 20; i++) {
    out.push(questionnaire('EDGE', `${i}`, day + Math.round((i * 600) / 19), varied(i)));
    out.push(questionnaire('FAR', `${i}`, day + Math.round((i * 601) / 19), varied(i)));
  }
  for (let i = 0; i < 19; i++) out.push(questionnaire('FEW', `${i}`, day, varied(i), { age: 20 + i }));
  out.push(questionnaire('DUP', '1', day + 50, varied(1)));
  out.push(questionnaire('DUP', '2', day + 100, [4, 4, 3, 3, 2, 2, 1, 1, 4]));
  out.push(questionnaire('DUP', '3', day + 100, [4, 4, 4, 4, 4, 4, 4, 4, 4]));
  out.push(questionnaire('DUP', '4', day + 100, [4, 4, 3, 3, 2, 2, 1, 1, 4]));
  out.push(questionnaire('DUP', '5', day + 200, varied(2)));
  out.push(questionnaire('ONE', '1', day, varied(3)));
  return out;
}

describe.each([
  // the rows reach the aggregate unsorted: the model sorts each unit's times
  ['in reverse time order', true],
  // each unit's times arrive in order: the model uses them as they are
  ['in time order', false],
])('int_skm_unit_profile: bursts and copies, the rows written %s', (_, reverse) => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    const store = await tempLake();
    await writeCurated(store, 'skm', '2026-Q1', '31.71', reverse ? rows().reverse() : rows());
    engine = await buildWarehouse(store, ['2026-Q1']);
  }, 60_000);
  afterAll(() => engine.close());

  test('respondents, copies and the shortest burst (BIG: past position 10,000)', async () => {
    const profile = await engine.rows<{
      unit_id: string;
      responses: string;
      duplicate_responses: string;
      shortest_burst_seconds: string | null;
    }>(
      `SELECT unit_id, responses::VARCHAR AS responses, duplicate_responses::VARCHAR AS duplicate_responses,
              shortest_burst_seconds::VARCHAR AS shortest_burst_seconds
       FROM int_skm_unit_profile ORDER BY unit_id`,
    );
    expect(profile).toEqual([
      { unit_id: 'BIG', responses: '10097', duplicate_responses: '2', shortest_burst_seconds: '285' },
      { unit_id: 'DUP', responses: '5', duplicate_responses: '1', shortest_burst_seconds: null },
      // 20 in exactly the window is a burst; 601 s is not (kept only within the window)
      { unit_id: 'EDGE', responses: '20', duplicate_responses: '0', shortest_burst_seconds: '600' },
      { unit_id: 'FAR', responses: '20', duplicate_responses: '0', shortest_burst_seconds: null },
      // all 19 at one second: 18 share the time of another, none is a copy (the ages differ)
      { unit_id: 'FEW', responses: '19', duplicate_responses: '0', shortest_burst_seconds: null },
      { unit_id: 'ONE', responses: '1', duplicate_responses: '0', shortest_burst_seconds: null },
    ]);
  });

  test('the burst flag reads the shortest burst in minutes', async () => {
    const flags = await engine.rows<{ unit_id: string; metric: number }>(
      "SELECT unit_id, metric FROM integrity_flags WHERE flag = 'skm_burst' ORDER BY unit_id",
    );
    expect(flags).toEqual([
      { unit_id: 'BIG', metric: 4.75 },
      { unit_id: 'EDGE', metric: 10 },
    ]);
  });
});

describe('int_skm_unit_profile: the shortest burst for other burst counts, against every run', () => {
  let store: Awaited<ReturnType<typeof tempLake>>;
  beforeAll(async () => {
    seconds.clear();
    store = await tempLake();
    await writeCurated(store, 'skm', '2026-Q1', '31.71', rows());
  }, 60_000);

  test.each([1, 2, 3, 7, 21])('burst count %i', async (count) => {
    const file = await methodologyWith((m) => {
      m.integrity.skm_burst!.count = count;
    });
    const engine = await buildWarehouse(store, ['2026-Q1'], file);
    try {
      const found = await engine.rows<{ unit_id: string; s: string | null }>(
        'SELECT unit_id, shortest_burst_seconds::VARCHAR AS s FROM int_skm_unit_profile ORDER BY unit_id',
      );
      expect(found).toEqual(
        ['BIG', 'DUP', 'EDGE', 'FAR', 'FEW', 'ONE'].map((unit) => ({
          unit_id: unit,
          s: shortestBurst(unit, count, 600),
        })),
      );
    } finally {
      await engine.close();
    }
  });
});
