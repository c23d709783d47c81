import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancedShares } from '../../cli/ingest-pool.ts';
import { tempDir } from '../support/lake.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

/** Files of the given sizes, named in listing order. */
async function files(sizes: number[]): Promise<string[]> {
  return Promise.all(
    sizes.map(async (size, i) => {
      const path = join(tmp.dir, `f${String(i).padStart(2, '0')}.csv`);
      await writeFile(path, 'x'.repeat(size));
      return path;
    }),
  );
}

describe('ingest pool shares', () => {
  it('balances bytes, largest first, and keeps files of one size together in listing order', async () => {
    // f01 and f03 could be one export sent twice: same size, so one worker takes them, f01 first
    const paths = await files([500, 300, 400, 300, 100, 50]);
    const shares = await balancedShares(paths, 2);
    const names = shares.map((s) => s.map((p) => p.slice(-7, -4)));
    expect(names).toEqual([
      ['f00', 'f04', 'f05'],
      ['f02', 'f01', 'f03'],
    ]);
    expect(await balancedShares([...paths].reverse(), 2)).toEqual([
      [paths[0], paths[4], paths[5]],
      [paths[2], paths[3], paths[1]],
    ]);
  });
});
