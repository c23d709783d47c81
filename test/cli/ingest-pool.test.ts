import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deliveries, type SizeGroup, sizeGroups } from '../../cli/ingest-pool.ts';
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

describe('ingest pool deliveries', () => {
  it('groups files by size, largest first, a group in its listing order', async () => {
    // f01 and f03 could be one export sent twice: same size, so one group, f01 first
    const paths = await files([500, 300, 400, 300, 100]);
    expect(await sizeGroups(paths)).toEqual([
      { size: 500, files: [paths[0]] },
      { size: 400, files: [paths[2]] },
      { size: 300, files: [paths[1], paths[3]] },
      { size: 100, files: [paths[4]] },
    ]);
  });

  const MiB = 1024 * 1024;
  /** Every delivery, in order. */
  const dealt = (groups: SizeGroup[], jobs: number) => {
    const deliveries = new Deliveries(groups, jobs);
    const sent: string[][] = [];
    for (let d = deliveries.next(); d; d = deliveries.next()) sent.push(d);
    expect(sent.flat()).toEqual(groups.flatMap((g) => g.files));
    return sent;
  };

  it('sends a quarter of the bytes left for two workers, largest first: long runs first, short ones last', () => {
    const groups = Array.from({ length: 40 }, (_, i) => ({ size: 10 * MiB - i * 1024, files: [`f${i}`] }));
    expect(dealt(groups, 2).map((d) => d.length)).toEqual([10, 8, 6, 4, 3, 3, 2, 1, 1, 1, 1]);
  });

  it('keeps a group of one size whole and sends small files a batch at a time', () => {
    const groups: SizeGroup[] = [
      { size: 40 * MiB, files: ['a'] },
      { size: 20 * MiB, files: ['twice-1', 'twice-2'] },
      { size: 10 * MiB, files: ['c'] },
      { size: 5 * MiB, files: ['d'] },
      { size: 2 * MiB, files: ['e'] },
      ...Array.from({ length: 600 }, (_, i) => ({ size: 1000 - i, files: [`s${i}`] })),
    ];
    const sent = dealt(groups, 2);
    expect(sent.slice(0, 5)).toEqual([['a'], ['twice-1', 'twice-2'], ['c'], ['d'], ['e']]);
    // 600 small files: at least a batch's 256 in each delivery
    expect(sent.slice(5).map((d) => d.length)).toEqual([256, 256, 88]);
  });
});
