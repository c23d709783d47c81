import { stat } from 'node:fs/promises';
import { expect, test, vi } from 'vitest';
import { lake } from '#core/lake.ts';
import { parsePeriod } from '#core/period.ts';
import { loadModels } from '#warehouse/models.ts';
import { main } from '../../cli/main.ts';
import { tempLake, writeCurated } from './lake-fixture.ts';

test('pantau transform builds every mart for a period; bad usage exits 2', async () => {
  const store = await tempLake();
  await writeCurated(store, 'skm', '2026-Q3', '31.71', [
    {
      response_id: 'a',
      unit_id: 'U1',
      unit_name: 'Unit 1',
      survey_date: '2026-08-01',
      u1: 4,
      u2: 4,
      u3: 4,
      u4: 4,
      u5: 4,
      u6: 4,
      u7: 4,
      u8: 4,
      u9: 4,
    },
  ]);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    expect(await main(['transform', '--lake', store.root, '--all'])).toBe(0);
    const marts = (await loadModels()).filter((m) => m.materialized === 'partition').length;
    expect(log.mock.calls.at(-1)?.[0]).toMatch(new RegExp(`^Selesai: ${marts} partisi mart untuk 2026-Q3`));
    const key = store.path(lake.warehouseKey('service_index_region', parsePeriod('2026-Q3')!));
    expect((await stat(key)).size).toBeGreaterThan(0);
    expect(await main(['transform', '--lake', store.root, '--period', '2026-Q5'])).toBe(2);
    expect(await main(['transform', '--lake', store.root])).toBe(2);
    expect(await main(['transform', '--lake', store.root, '--all', '--methodology', 'v3'])).toBe(2);
    expect(await main(['transform', '--lake', store.root, '--all', '--methodology', 'v1'])).toBe(0);
    const errors = error.mock.calls.map((c) => String(c[0])).join('\n');
    expect(errors).toMatch(/periode tidak valid: "2026-Q5"/);
    expect(errors).toMatch(/--methodology harus salah satu dari v2, v1, bukan "v3"/);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
});
