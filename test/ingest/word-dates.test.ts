import { describe, expect, it } from 'vitest';
import { ingestEngineForTests } from '../support/lake.ts';

const MONTH_NAMES = [
  ...['januari', 'februari', 'maret', 'april', 'mei', 'juni'],
  ...['juli', 'agustus', 'september', 'oktober', 'november', 'desember'],
];
/** Years around every leap-year rule and the ends of what four digits give. */
const YEARS = [0, 1, 4, 100, 400, 1900, 2000, 2023, 2024, 2026, 2100, 9999];

const engine = ingestEngineForTests();

/**
 * How many cells of `grid` (columns y, m, d, h, i, s and the cell `text`) `pantau_words` reads otherwise than
 * `make_timestamp` of their fields under `try`, and how many each reads at all.
 */
async function compare(grid: string): Promise<{ differ: number; read: number; n: number }> {
  const [r] = await engine.duck.rows<{ differ: string; read: string; n: string }>(`
    WITH grid AS (${grid}), judged AS (
      SELECT pantau_words(text) AS ours, try(make_timestamp(y, m, d, h, i, s::DOUBLE)) AS engine FROM grid)
    SELECT count(*) FILTER (WHERE ours IS DISTINCT FROM engine) AS differ, count(ours) AS read, count(*) AS n
    FROM judged`);
  return { differ: Number(r!.differ), read: Number(r!.read), n: Number(r!.n) };
}

describe('dates in words', () => {
  // the macro tests the fields before make_timestamp (an error under try re-runs the batch row by row):
  // the test must say yes exactly where the function would not fail
  it('are read on every day 0–99 of every month of the years the pattern gives exactly as the engine would', async () => {
    const got = await compare(`
      SELECT y, m + 1 AS m, d, 0 AS h, 0 AS i, 0 AS s,
        format('{} {} {:04d}', d, [${MONTH_NAMES.map((n) => `'${n}'`).join(', ')}][m + 1], y) AS text
      FROM unnest([${YEARS.join(', ')}]) a(y), range(12) b(m), range(100) c(d)`);
    expect(got.n).toBe(YEARS.length * 12 * 100);
    expect(got.read).toBeGreaterThan(0);
    expect(got.read).toBeLessThan(got.n);
    expect(got.differ).toBe(0);
  });

  it('are read at every time 0–99:0–99 with the seconds around a minute exactly as the engine would', async () => {
    const got = await compare(`
      SELECT 2026 AS y, 12 AS m, 31 AS d, h, i, s,
        format('31 desember 2026 {}:{:02d}:{:02d}', h, i, s) AS text
      FROM range(100) a(h), range(100) b(i), unnest([0, 1, 59, 60, 61, 99]) c(s)`);
    expect(got.n).toBe(100 * 100 * 6);
    expect(got.read).toBeGreaterThan(0);
    expect(got.read).toBeLessThan(got.n);
    expect(got.differ).toBe(0);
  });
});
