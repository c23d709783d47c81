import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generate } from '#generate/index.ts';
import { listFiles } from '#ingest/local.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { ingestPool, sameSizeGroups } from '../../cli/ingest-pool.ts';
import { queryLake, tempDir } from '../support/lake.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await tmp.cleanup();
});

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

/**
 * What a report says whatever the order files are processed in (which of two uploads of a unit was current
 * when the other arrived depends on the order; which one stays current does not: see the curated files).
 */
const outcome = (r: SubmissionReport) => ({
  file: r.file?.split('/uploads/')[1],
  ...pick(r, ['submission_id', 'status', 'rows_read', 'rows_accepted', 'rows_rejected', 'errors', 'rules']),
});
const pick = <T, K extends keyof T>(o: T, keys: K[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/** Every curated file of a lake: its rows in file order. */
async function curated(lake: string): Promise<Record<string, unknown[]>> {
  const dir = join(lake, 'curated');
  const paths = (await readdir(dir, { recursive: true })).filter((p) => p.endsWith('.parquet')).sort();
  const out: Record<string, unknown[]> = {};
  for (const p of paths)
    out[p] = await queryLake(
      lake,
      `SELECT * FROM read_parquet('${join(dir, p)}', file_row_number = true) ORDER BY file_row_number`,
    );
  return out;
}

describe('ingest pool', () => {
  it('deals the largest files first, files of one size together in listing order', async () => {
    // f01 and f03 could be one export sent twice: same size, so one worker takes them, f01 first
    const paths = await files([500, 300, 400, 300, 100, 50]);
    const names = (await sameSizeGroups(paths)).map((g) => g.map((p) => p.slice(-7, -4)));
    expect(names).toEqual([['f00'], ['f02'], ['f01', 'f03'], ['f04'], ['f05']]);
    expect((await sameSizeGroups([...paths].reverse())).map((g) => g.map((p) => p.slice(-7, -4)))).toEqual([
      ['f00'],
      ['f02'],
      ['f03', 'f01'],
      ['f04'],
      ['f05'],
    ]);
  });

  it('gives with two workers fed file by file what one process gives', async () => {
    const input = join(tmp.dir, 'input');
    await generate({ out: input, scale: 'tiny', seed: 7 });
    const uploads = await listFiles([join(input, 'uploads')]);
    expect(uploads.length).toBeGreaterThan(32);
    const run = async (jobs: number) => {
      const lake = join(tmp.dir, `lake-${jobs}`);
      const reports = await ingestPool(uploads, { lake, jobs });
      const byFile = reports.map(outcome).sort((a, b) => (a.file! < b.file! ? -1 : 1));
      return { reports: byFile, curated: await curated(lake) };
    };
    // one salt for both lakes (each would make its own), so that hashed personal data compares
    vi.stubEnv('PANTAU_PII_SALT', 'uji-garam');
    const [one, two] = [await run(1), await run(2)];
    expect(two.reports).toHaveLength(uploads.length);
    expect(two.reports).toEqual(one.reports);
    expect(Object.keys(two.curated).length).toBeGreaterThan(0);
    expect(two.curated).toEqual(one.curated);
  });
});
