import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Duck, literal } from '#core/duckdb.ts';
import { openIngestEngine } from '#ingest/engine.ts';
import { PARQUET_WRITE, STAGED_PARQUET_WRITE } from '#ingest/limits.ts';
import { tempDir } from '../support/lake.ts';

/**
 * Ingest's engine writes its scratch files in place (`USE_TMP_FILE false`), and reuses their names from one
 * upload to the next: a write must leave only its own rows, whatever the file held before, and a write
 * that fails must leave nothing that a later read could take for its rows.
 */
let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Duck;
beforeAll(async () => {
  tmp = await tempDir('pantau-scratch-writes-');
  duck = await openIngestEngine(join(tmp.dir, 'scratch'), { threads: 1 });
});
afterAll(async () => {
  duck.close();
  await tmp.cleanup();
});

const rows = (n: number) => `SELECT range AS id, 'unit-' || (range % 7) AS unit_id FROM range(${n})`;
const write = (query: string, path: string, options: string) =>
  duck.run(`COPY (${query}) TO ${literal(path)} (${options})`);
const count = async (path: string) =>
  Number((await duck.rows<{ n: string }>(`SELECT count(*) AS n FROM read_parquet(${literal(path)})`))[0]!.n);

describe.each([
  ['curated', PARQUET_WRITE],
  ['staged', STAGED_PARQUET_WRITE],
])('a %s scratch file written again under its name', (kind, options) => {
  it('holds only the last write, in the same file', async () => {
    const path = join(tmp.dir, `again-${kind}.parquet`);
    await write(rows(100_000), path, options);
    const first = statSync(path);
    await write(rows(3), path, options);
    const fresh = join(tmp.dir, `fresh-${kind}.parquet`);
    await write(rows(3), fresh, options);
    expect(statSync(path).ino).toBe(first.ino);
    expect(statSync(path).size).toBe(statSync(fresh).size);
    expect(await count(path)).toBe(3);
  });

  it('is gone after a write that fails, and made anew by the next one', async () => {
    const path = join(tmp.dir, `failed-${kind}.parquet`);
    await write(rows(50_000), path, options);
    const failing = `SELECT id, CASE WHEN id = 40000 THEN error('stop') ELSE unit_id END AS unit_id FROM (${rows(50_000)})`;
    await expect(write(failing, path, options)).rejects.toThrow(/stop/);
    expect(existsSync(path)).toBe(false);
    await write(rows(5), path, options);
    expect(await count(path)).toBe(5);
  });
});
