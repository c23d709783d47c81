import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryChunks, entryStream, type ZipEntry, zipEntries } from '#ingest/read/zip.ts';
import { recapWorkbook } from '../fixtures/field/workbooks.ts';
import { HOSTILE_CASES } from '../fixtures/hostile/index.ts';
import { tempDir } from '../support/lake.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

/** The sizes and hash of up to 4 MB of an entry's inflated chunks as read, or the error that stopped them. */
async function chunksOf(
  path: string,
  entry: ZipEntry,
  read = entryStream,
): Promise<{ sizes: number[]; sha: string } | string> {
  const sizes: number[] = [];
  const hash = createHash('sha256');
  let total = 0;
  try {
    const stream = await read(path, entry);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        sizes.push(chunk.length);
        hash.update(chunk);
        total += chunk.length;
        if (total > 4 * 1024 * 1024) break;
      }
    } finally {
      stream.destroy();
    }
  } catch (e) {
    return (e as Error).message;
  }
  return { sizes, sha: hash.digest('hex') };
}

describe('zip entries of a small file, served from memory', () => {
  const scores = [4, 3, 3, 4, 3, 3, 4, 3, 3];
  const workbooks: [string, () => Promise<Buffer> | Buffer][] = [
    ...HOSTILE_CASES.filter((c) => c.file.endsWith('.xlsx')).map((c): [string, () => Buffer] => [
      c.name,
      () => Buffer.from(c.bytes()),
    ]),
    ['recap', () => recapWorkbook([{ date: '2026-07-01', unit: 'PKM-SKJ', gender: 'P', age: 30, scores }])],
  ];

  it('give the bytes, in the chunks, and the errors that reading them from the file gives', async () => {
    let fromMemory = 0;
    for (const [name, bytes] of workbooks) {
      const body = await bytes();
      const path = join(tmp.dir, `${name}.xlsx`);
      await writeFile(path, body);
      let entries: ZipEntry[];
      try {
        entries = await zipEntries(path, body.length);
      } catch {
        continue; // a broken directory is rejected before any entry is read, either way
      }
      for (const entry of entries) {
        if (entry.data) fromMemory++;
        const { data: _, ...fromFile } = entry;
        const streamed = await chunksOf(path, fromFile);
        expect(await chunksOf(path, entry), `${name}: ${entry.name}`).toEqual(streamed);
        // read whole when small: the same bytes (the chunks may differ; the readers take any)
        const read = await chunksOf(path, entry, entryChunks);
        if (typeof streamed === 'string') expect(read).toBeTypeOf('string');
        else expect(typeof read === 'string' ? read : read.sha, `${name}: ${entry.name}`).toBe(streamed.sha);
      }
    }
    expect(fromMemory).toBeGreaterThan(20);
  });
});
