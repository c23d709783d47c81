import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyOf } from '../fixtures/hostile/case.ts';
import { HOSTILE_CASES } from '../fixtures/hostile/index.ts';
import { queryLake, tempDir } from '../support/lake.ts';
import { pantau } from './cli.ts';
import { goodExport, minute } from './harness.ts';

/** The costliest and the most crash-prone cases, run through the real CLI in a child process each. */
const THROUGH_CLI = [
  'binary-garbage',
  'million-columns',
  'xlsx-zip-bomb-lying-sizes',
  'xlsx-huge-shared-strings',
  'json-deeply-nested',
  'json-million-keys',
  'impossible-dates',
  'unknown-period-q5',
];
const MAX_SECONDS = 60;
const MAX_RSS_MB = 1024;

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir('pantau-cli-hostile-');
});
afterAll(() => tmp?.cleanup());

/** Write a case where its key says (under a local uploads tree), with a given upload time. */
async function place(dir: string, key: string, body: string | Buffer, at: Date): Promise<string> {
  const path = join(dir, ...key.split('/'));
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, body);
  await utimes(path, at, at);
  return path;
}

/** A file's bytes (their hash) and modification time. */
const snapshot = async (path: string) => ({
  sha256: createHash('sha256')
    .update(await readFile(path))
    .digest('hex'),
  mtime: (await stat(path)).mtimeMs,
});

describe('pantau ingest --json on hostile files: exit 0, a report line, bounded time and memory', () => {
  for (const [i, name] of THROUGH_CLI.entries()) {
    it(name, async () => {
      const c = HOSTILE_CASES.find((x) => x.name === name)!;
      const dir = join(tmp.dir, name);
      const lake = join(dir, 'lake');
      const bad = await place(dir, keyOf(c), c.bytes(), minute(2 * i));
      const good = await place(
        dir,
        `uploads/32.73/${c.dataset}/2026-Q3/baik.csv`,
        goodExport(c.dataset, i),
        minute(2 * i + 1),
      );
      const before = [await snapshot(bad), await snapshot(good)];
      const run = await pantau(['ingest', bad, good, '--lake', lake, '--json', '--jobs', '1']);
      // the officer's files are read where they are, never written
      expect([await snapshot(bad), await snapshot(good)]).toEqual(before);
      console.info(`cli ${name}: ${run.seconds} s, peak RSS ${run.peakRssMb.toFixed(0)} MB`);
      expect(run.code, run.stderr).toBe(0);
      expect(run.seconds).toBeLessThan(MAX_SECONDS);
      expect(run.peakRssMb).toBeLessThan(MAX_RSS_MB);
      const [first, second] = run.reports;
      expect(first).toMatchObject({ file: bad, status: c.expect.status });
      if (c.expect.status === 'rejected') expect(first!.errors.join(' ')).toMatch(c.expect.reason);
      expect(second).toMatchObject({ file: good, status: 'accepted', rows_accepted: 20 });
      const table = c.dataset === 'skm' ? 'skm_responses' : 'complaints';
      const rows = await queryLake<{ id: string }>(lake, `SELECT DISTINCT submission_id AS id FROM ${table}`);
      expect(rows).toEqual([{ id: second!.submission_id }]);
    });
  }
});
