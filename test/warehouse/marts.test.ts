import { describe, expect, it } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { MartDriftError, martDeclarations } from '#warehouse/marts.ts';
import { loadModels, parseModel } from '#warehouse/models.ts';
import { transform } from '#warehouse/runner.ts';
import { tempDir } from '../support/lake.ts';

/** A one-mart project: the header declares `period`, `region_code` (the key) and `n` as given. */
const mart = (body: string, nType = 'bigint', key = 'region_code') =>
  parseModel(
    'toy_mart',
    'marts',
    'sql/marts/toy_mart.sql',
    `-- grain: Satu wilayah | One region\n-- key: ${key}\n-- column period string: Periode | Period\n-- column region_code string: Wilayah | Region\n-- column n ${nType}: Jumlah | Count\n${body}`,
  );

async function run(model: ReturnType<typeof mart>) {
  const tmp = await tempDir();
  const store = new LocalStore(tmp.dir);
  const engine = await DuckDbEngine.open(store);
  try {
    return await transform({ lake: store, engine, periods: ['2026-Q1'], models: [model] });
  } finally {
    await engine.close();
    await tmp.cleanup();
  }
}

const rows = (values: string) =>
  `select period, region_code, cast(n as bigint) as n from (values ${values}) as t (period, region_code, n)`;

describe('each mart partition is checked against its declaration', () => {
  it('every real mart declares its grain, key and columns', async () => {
    const marts = martDeclarations(await loadModels());
    expect(marts.length).toBeGreaterThanOrEqual(9);
    for (const m of marts) for (const k of m.key) expect(m.columns.map((c) => c.name)).toContain(k);
  });

  it('a partition that matches passes', async () => {
    const result = await run(mart(rows("('2026-Q1', '11', 1), ('2026-Q1', '12', 2)")));
    expect(result.partitions).toBe(1);
  });

  it('fails the run on a type that differs from the declaration', async () => {
    await expect(run(mart(rows("('2026-Q1', '11', 1)"), 'int'))).rejects.toThrow(
      /toy_mart 2026-Q1 .*kolom n bertipe BIGINT, dideklarasikan INTEGER/,
    );
  });

  it('fails the run on a missing or an undeclared column', async () => {
    await expect(
      run(mart("select '2026-Q1' as period, '11' as region_code, cast(1 as bigint) as extra")),
    ).rejects.toThrow(/kolom n tidak ada; kolom extra tidak dideklarasikan/);
  });

  it('fails the run on a repeated or a null key (dbt unique / not_null)', async () => {
    await expect(run(mart(rows("('2026-Q1', '11', 1), ('2026-Q1', '11', 2)")))).rejects.toThrow(
      /1 nilai kunci \(region_code\) muncul lebih dari sekali/,
    );
    await expect(run(mart(rows("('2026-Q1', NULL, 1)")))).rejects.toBeInstanceOf(MartDriftError);
  });

  it('fails the run on a row that names another period than its partition', async () => {
    await expect(run(mart(rows("('2026-Q1', '11', 1), ('2025-Q4', '12', 2)")))).rejects.toThrow(
      /1 baris dengan period selain 2026-Q1/,
    );
  });

  it('refuses a key that is not a declared column', () => {
    expect(() => mart(rows("('2026-Q1', '11', 1)"), 'bigint', 'unit_id')).toThrow(/key column "unit_id"/);
  });
});
