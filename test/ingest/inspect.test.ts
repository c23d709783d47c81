import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAIN_LINES, scanCsvLines } from '#ingest/read/csv-lines.ts';
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

  it('keeps the last 16 KiB, also when the last read is shorter than that', async () => {
    for (const size of [10, 16 * 1024, MiB + 100, 3 * MiB]) {
      const bytes = csvWith(size, 0, Buffer.alloc(0));
      for (let i = 0; i < size; i += 997) bytes[i] = 0x41 + ((i / 997) % 26);
      const file = join(tmp.dir, `tail-${size}.csv`);
      await writeFile(file, bytes);
      const { tail } = await inspectFile(file);
      expect(tail.equals(bytes.subarray(Math.max(0, size - 16 * 1024)))).toBe(true);
    }
  });
});

describe('whether a scan of the lines has anything to tell', () => {
  const plainLines = async (name: string, bytes: Buffer) => {
    const file = join(tmp.dir, name);
    await writeFile(file, bytes);
    const facts = await inspectFile(file);
    // the inspection's answer stands in for the scan only when the scan would find nothing
    if (facts.plainLines) expect(scanCsvLines(file), name).toEqual(PLAIN_LINES);
    return facts.plainLines;
  };

  for (const [body, plain] of [
    ['a,b\n1,2\n', true],
    ['a,b\r\n1,2\r\n', true],
    ['a,b\r1,2\r', true],
    ['a,b\n \n1,2', true],
    ['a,b\n\r1,2\n', true],
    ['a,b\n\n1,2\n', false],
    ['a,b\r\n\r\n1,2\r\n', false],
    ['\na,b\n', false],
    ['\r\na,b\n', false],
    ['a,b\n1,2\n\n', false],
    ['a,b\n"x, y",2\n', false],
  ] as const)
    it(`${plain ? 'nothing' : 'something'} in ${JSON.stringify(body)}`, async () => {
      expect(await plainLines('lines.csv', Buffer.from(body))).toBe(plain);
    });

  it('sees a blank line across a read boundary', async () => {
    const filler = (n: number) => Buffer.alloc(n, 0x61);
    const cases: [Buffer, boolean][] = [
      [Buffer.concat([filler(MiB - 1), Buffer.from('\n\nb\n')]), false],
      [Buffer.concat([filler(MiB - 2), Buffer.from('\n\r\nb\n')]), false],
      [Buffer.concat([filler(MiB - 1), Buffer.from('\nb\nc\n')]), true],
      [Buffer.concat([filler(MiB), Buffer.from('\nb\n')]), true],
    ];
    for (const [i, [bytes, plain]] of cases.entries())
      expect(await plainLines(`boundary-${i}.csv`, bytes), String(i)).toBe(plain);
  });

  it('never stands in for a scan that finds something, on short texts of every line ending', async () => {
    const alphabet = ['a', ',', '\n', '\r', ' ', '"'];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let plain = 0;
    for (let i = 0; i < 400; i++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => alphabet[Math.floor(random() * 6)],
      );
      if (await plainLines('random.csv', Buffer.from(text.join('')))) plain++;
    }
    // both answers occur
    expect(plain).toBeGreaterThan(20);
    expect(plain).toBeLessThan(380);
  });
});

describe('what a file is, from its first bytes', () => {
  const cases: [string, Buffer, Record<string, string>][] = [
    ['JSON after blanks', Buffer.from(' \r\n\t[{"a":1}]'), { format: 'json' }],
    ['JSON after a BOM', Buffer.from('\uFEFF {"a":1}'), { format: 'json' }],
    ['JSON after a no-break space', Buffer.from('\u00A0[1]'), { format: 'json' }],
    ['text after a no-break space', Buffer.from('\u00A0a,b\n'), { format: 'text', encoding: 'utf-8' }],
    ['blanks only', Buffer.from(' \n\t\u00A0\uFEFF'), { format: 'empty' }],
    ['a NUL after text', Buffer.from('a,b\n\0'), { format: 'binary' }],
    [
      'Windows-1252 text',
      Buffer.from('\xE9t\xE9,b\n', 'latin1'),
      { format: 'text', encoding: 'windows-1252' },
    ],
    ['text starting with a letter', Buffer.from('Kode Unit;Nama\n'), { format: 'text', encoding: 'utf-8' }],
  ];
  for (const [name, bytes, expected] of cases)
    it(name, async () => {
      const file = join(tmp.dir, `${name}.txt`);
      await writeFile(file, bytes);
      expect(await inspectFile(file)).toMatchObject(expected);
    });
});
