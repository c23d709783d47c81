import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skmCsv } from '../fixtures/hostile/rows.ts';
import { queryLake, tempDir, writeUpload } from '../support/lake.ts';
import { pantau } from './cli.ts';
import { minute } from './harness.ts';

const VERSIONS = 6;
const TARGET = ['--dataset', 'skm', '--region', '32.73', '--period', '2026-Q3'];
let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir('pantau-race-');
});
afterAll(() => tmp?.cleanup());

/** A permutation of 0…n-1 from a seed (deterministic, so a failure can be replayed). */
function shuffled(n: number, seed: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('many versions of one (dataset, region, period) ingested at once by separate processes', () => {
  for (const seed of [1, 2]) {
    it(`ends with exactly the newest upload curated (start order seed ${seed})`, async () => {
      const lake = join(tmp.dir, `lake-${seed}`);
      const files = await Promise.all(
        Array.from({ length: VERSIONS }, (_, v) =>
          writeUpload(
            join(tmp.dir, `v${seed}-${v}.csv`),
            skmCsv(40 + v, { seed: 100 * seed + v }),
            minute(v),
          ),
        ),
      );
      // the newest file also arrives twice: identical bytes must end as one accepted and one duplicate
      const order = [...shuffled(VERSIONS, seed), VERSIONS - 1];
      const runs = await Promise.all(
        order.map((v, k) =>
          pantau(['ingest', files[v]!, '--lake', lake, '--json', ...TARGET], { delayMs: 40 * k }),
        ),
      );
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      const reports = runs.map((r) => r.reports[0]!);
      const newest = reports.filter((r) => r.file === files[VERSIONS - 1]);
      expect(newest.map((r) => r.status).sort()).toEqual(['accepted', 'duplicate']);
      const curated = await queryLake<{ id: string; n: string }>(
        lake,
        'SELECT submission_id AS id, count(*) AS n FROM skm_responses GROUP BY 1',
      );
      expect(curated).toEqual([{ id: newest[0]!.submission_id, n: String(40 + VERSIONS - 1) }]);
      const ledger = await queryLake<{ status: string; n: string }>(
        lake,
        'SELECT status, count(*) AS n FROM submissions GROUP BY 1',
      );
      expect(ledger).toEqual([{ status: 'accepted', n: String(VERSIONS) }]);
    });
  }
});
