import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DELIMITERS } from '#ingest/read/csv.ts';
import { headLines, headRecords, parsedRecords, wellFormedRecords } from '#ingest/read/csv-head.ts';
import type { FileFacts } from '#ingest/read/inspect.ts';
import { recapCsv } from '../fixtures/field/workbooks.ts';
import { HOSTILE_CASES } from '../fixtures/hostile/index.ts';
import { FIXTURES } from '../support/lake.ts';

/** What the header search read before the shortcut: csv-parse over the text, every time. */
const parsed = parsedRecords;

/** The first lines of a head as the search cut them before: the whole head decoded, then split. */
function splitHead(facts: Pick<FileFacts, 'head' | 'encoding'>, count: number): string {
  const lines = new TextDecoder(facts.encoding)
    .decode(facts.head)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  return lines.slice(0, Math.min(lines.length - 1 || 1, count)).join('\n');
}

/** A deterministic pseudo-random source (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random delimited texts from the pieces exports are made of, quotes well formed or not. */
function texts(count: number, seed: number, lineBreaks: readonly string[]): string[] {
  const next = random(seed);
  const pieces = [
    'a',
    'Nama Unit',
    ' ',
    ',',
    ';',
    '\t',
    '|',
    '"',
    '""',
    '"x,y"',
    'é',
    '#',
    '',
    ...lineBreaks,
  ];
  return Array.from({ length: count }, () => {
    let text = '';
    const length = Math.floor(next() * 60);
    for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
    return text;
  });
}

/** Every delimited text of the fixtures: sample exports, the field recap, the hostile corpus's CSVs. */
async function fixtureTexts(): Promise<string[]> {
  const dir = FIXTURES;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.csv'));
  const out = await Promise.all(files.map(async (f) => (await readFile(join(dir, f))).toString('utf8')));
  const scores = [4, 3, 3, 4, 3, 3, 4, 3, 3];
  out.push(
    await recapCsv(
      scores.map((_, i) => ({ date: '2026-07-01', unit: 'PKM-SKJ', gender: 'P', age: 30 + i, scores })),
    ),
  );
  for (const c of HOSTILE_CASES) {
    if (!c.file.endsWith('.csv')) continue;
    const bytes = c.bytes();
    if (bytes.length < 2_000_000) out.push(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  }
  return out;
}

describe('the records of a head, read without csv-parse where they can be', () => {
  it('are those csv-parse reads, on random texts with LF, CRLF and mixed line breaks', () => {
    let quick = 0;
    const all = [
      ...texts(500, 1, ['\n', '\n\n']),
      ...texts(500, 2, ['\r\n']),
      ...texts(200, 3, ['\n', '\r\n', '\r']),
    ];
    for (const text of all)
      for (const delimiter of DELIMITERS)
        for (const to of [undefined, 30, 2]) {
          if (wellFormedRecords(text, delimiter, text.includes('\r') ? '\r\n' : '\n', to)) quick++;
          for (const bom of [false, true])
            expect(headRecords(text, delimiter, to, bom), JSON.stringify({ text, delimiter, to })).toEqual(
              parsed(text, delimiter, to, bom),
            );
        }
    // the shortcut is taken often enough for the comparison to mean something
    expect(quick).toBeGreaterThan(all.length * 4);
  });

  it('are those csv-parse reads, on every CSV fixture, to the end and in the first 30 records', async () => {
    for (const text of await fixtureTexts())
      for (const delimiter of DELIMITERS)
        for (const to of [undefined, 30]) {
          const sample = text.replace(/^\uFEFF/, '');
          expect(headRecords(sample, delimiter, to), sample.slice(0, 80)).toEqual(
            parsed(sample, delimiter, to, false),
          );
          expect(headRecords(text, delimiter, to, true)).toEqual(parsed(text, delimiter, to, true));
        }
  });

  it('reads a quoted cell over lines and counts its line breaks', () => {
    const text = 'Nama,"Pertanyaan\nkedua ""baris"""\r\n';
    expect(wellFormedRecords(text.replace('\r\n', '\n'), ',', '\n')).toEqual([
      { record: ['Nama', 'Pertanyaan\nkedua "baris"'], lines: 2 },
    ]);
    expect(wellFormedRecords('a,"b"c\n', ',', '\n')).toBeUndefined();
    expect(wellFormedRecords('a,"b\n', ',', '\n')).toBeUndefined();
  });
});

describe('the first lines of a head', () => {
  const encode = (text: string, encoding: FileFacts['encoding']): Buffer =>
    encoding === 'utf-8'
      ? Buffer.from(text, 'utf8')
      : encoding === 'windows-1252'
        ? Buffer.from(text.replace(/[\u0100-\uffff]/g, '?'), 'latin1')
        : encoding === 'utf-16le'
          ? Buffer.from(`\uFEFF${text}`, 'utf16le')
          : Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();

  it('are the lines of the whole head decoded and split, in every encoding', async () => {
    const samples = [
      ...texts(600, 4, ['\n', '\r\n', '\r', '\n\n']),
      ...(await fixtureTexts()).map((t) => t.slice(0, 40_000)),
      '\uFEFFa;b\r\nc;d',
      '\uFEFF\uFEFFa,b\n',
      '',
      'one line only',
    ];
    for (const text of samples)
      for (const encoding of ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const)
        for (const count of [60, 3, 1]) {
          const facts = { head: encode(text, encoding), encoding };
          expect(headLines(facts, count), JSON.stringify({ text: text.slice(0, 80), encoding })).toBe(
            splitHead(facts, count),
          );
        }
  });

  it('are the same when the head ends inside a character', () => {
    const head = Buffer.concat([Buffer.from('a,b\nc,é\nd,€'), Buffer.from('€').subarray(0, 2)]);
    for (const count of [60, 1]) {
      const facts = { head, encoding: 'utf-8' as const };
      expect(headLines(facts, count)).toBe(splitHead(facts, count));
    }
  });
});
