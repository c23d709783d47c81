import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectFile } from '#ingest/read/inspect.ts';
import { tempDir } from '../support/lake.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

const MiB = 1024 * 1024;

/** A CSV of `bytes` bytes whose `at`-th byte starts `tail` (e.g. a character cut by a read boundary). */
function csvWith(bytes: number, at: number, tail: Buffer): Buffer {
  const line = Buffer.from('U001,Unit Layanan,Perizinan\n');
  const out = Buffer.alloc(bytes, 0x20);
  for (let i = 0; i + line.length <= at; i += line.length) line.copy(out, i);
  tail.copy(out, at);
  out[bytes - 1] = 0x0a;
  return out;
}

describe('inspectFile over several reads', () => {
  it('hashes every byte, keeps the head and sees a UTF-8 character cut by a read boundary as UTF-8', async () => {
    const bytes = csvWith(2 * MiB + 100, MiB - 1, Buffer.from('é€', 'utf8'));
    const file = join(tmp.dir, 'utf8.csv');
    await writeFile(file, bytes);
    const facts = await inspectFile(file);
    expect(facts.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(facts.size).toBe(bytes.length);
    expect(facts.head.equals(bytes.subarray(0, 256 * 1024))).toBe(true);
    expect(facts).toMatchObject({ format: 'text', encoding: 'utf-8' });
  });

  it('sees a Windows-1252 byte after the first read as not UTF-8', async () => {
    const file = join(tmp.dir, 'cp1252.csv');
    await writeFile(file, csvWith(MiB + 4096, MiB + 10, Buffer.from([0x4a, 0xe9, 0x2c])));
    expect(await inspectFile(file)).toMatchObject({ format: 'text', encoding: 'windows-1252' });
  });

  it('measures the longest line across read boundaries', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(MiB + 50, 0x61), Buffer.from('\nc\n')]);
    const file = join(tmp.dir, 'long.csv');
    await writeFile(file, bytes);
    expect((await inspectFile(file)).longestLine).toBe(MiB + 50);
  });
});
