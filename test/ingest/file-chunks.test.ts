import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileChunks } from '#ingest/read/file-chunks.ts';
import { inspectFile, wholeFile } from '#ingest/read/inspect.ts';
import { tempDir } from '../support/lake.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

/** The chunks as read, copied (the reader's buffer is read into again). */
function chunksOf(path: string, size: number, whole?: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (const chunk of fileChunks(path, size, whole)) out.push(Buffer.from(chunk));
  return out;
}

describe('a file read in chunks', () => {
  it('gives every byte once, in chunks of at most the size asked, from the file or from memory', async () => {
    for (const size of [0, 1, 99, 100, 101, 305]) {
      const bytes = randomBytes(size);
      const path = join(tmp.dir, `f${size}`);
      await writeFile(path, bytes);
      const read = chunksOf(path, 100);
      expect(Buffer.concat(read).equals(bytes)).toBe(true);
      expect(read.every((c) => c.length > 0 && c.length <= 100)).toBe(true);
      const fromMemory = chunksOf(path, 100, bytes);
      expect(fromMemory.map((c) => c.length)).toEqual(read.map((c) => c.length));
      expect(Buffer.concat(fromMemory).equals(bytes)).toBe(true);
    }
  });

  it('is in memory after the inspection only when the head holds all of it', async () => {
    const small = join(tmp.dir, 'small.csv');
    await writeFile(small, 'a,b\n1,2\n');
    expect(wholeFile(await inspectFile(small))?.toString()).toBe('a,b\n1,2\n');
    const large = join(tmp.dir, 'large.csv');
    await writeFile(large, Buffer.alloc(300 * 1024, 0x61));
    expect(wholeFile(await inspectFile(large))).toBeUndefined();
  });
});
