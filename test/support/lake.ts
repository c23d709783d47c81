import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Duck } from '#core/duckdb.ts';
import { openIngestEngine } from '#ingest/engine.ts';
import type { TargetParts } from '#ingest/key.ts';
import { ingestLocalFiles } from '#ingest/local.ts';
import type { SubmissionReport } from '#ingest/report.ts';

export const FIXTURES = new URL('../fixtures/exports/', import.meta.url).pathname;

/** A temporary folder removed by `cleanup`. */
export async function tempDir(
  prefix = 'pantau-test-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A one-thread ingest engine (macros installed) and a temporary folder for the tests of one file: opened
 * before its first test, closed and removed after its last. Read `duck` and `dir` inside tests.
 */
export function ingestEngineForTests(): { readonly duck: Duck; readonly dir: string } {
  const held: { duck?: Duck; tmp?: Awaited<ReturnType<typeof tempDir>> } = {};
  beforeAll(async () => {
    held.tmp = await tempDir();
    held.duck = await openIngestEngine(join(held.tmp.dir, 'scratch'), { threads: 1 });
  });
  afterAll(async () => {
    held.duck?.close();
    await held.tmp?.cleanup();
  });
  return {
    get duck() {
      return held.duck!;
    },
    get dir() {
      return held.tmp!.dir;
    },
  };
}

/** Write a file with a given modification time (the upload time locally). */
export async function writeUpload(path: string, body: string | Uint8Array, mtime: Date): Promise<string> {
  await writeFile(path, body);
  await utimes(path, mtime, mtime);
  return path;
}

export async function ingestOne(lake: string, file: string, target: TargetParts): Promise<SubmissionReport> {
  const [report] = await ingestLocalFiles(lake, [file], { target });
  return report!;
}

export { queryLake } from '#core/catalog.ts';
