import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
