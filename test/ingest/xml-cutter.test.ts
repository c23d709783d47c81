import { describe, expect, it } from 'vitest';
import { ElementCutter } from '#ingest/read/xml-cutter.ts';

const ROWS = Array.from(
  { length: 40 },
  (_, i) => `<x:row r="${i + 1}"><x:c r="A${i + 1}"><x:v>${'7'.repeat(i * 37)}</x:v></x:c></x:row>`,
);
const PART = `<?xml version="1.0"?><x:worksheet xmlns:x="s"><x:sheetData>${ROWS.join('')}<x:rowBreaks/></x:sheetData></x:worksheet>`;

/** Every element the cutter gives for `text` pushed in pieces of `size` characters. */
function cut(text: string, size: number, maxChars = 1 << 20): string[] {
  const cutter = new ElementCutter('worksheet', 'row', maxChars);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...cutter.push(text.slice(i, i + size)));
  return out;
}

describe('XML element cutter', () => {
  it('gives the same elements whatever the chunk size, names and elements cut anywhere', () => {
    for (const size of [1, 2, 3, 7, 10, 64, 1000, PART.length]) expect(cut(PART, size)).toEqual(ROWS);
  });

  it('rejects an element longer than its limit, and reads a part without a root past the limit', () => {
    expect(() => cut(`<worksheet><row r="1">${'a'.repeat(5000)}</row></worksheet>`, 100, 2000)).toThrow(
      /satu elemen <row> lebih dari 2000 karakter/,
    );
    const rootless = `${'<c r="A1"/>'.repeat(300)}<row r="1"/><row r="2">x</row>`;
    expect(cut(rootless, 50, 1000)).toEqual(['<row r="1"/>', '<row r="2">x</row>']);
  });

  it('keeps an element spanning hundreds of chunks whole, and its end tag cut between two chunks', () => {
    const chunk = '<c r="A1"><v>1</v></c>'.repeat(3000);
    const cutter = new ElementCutter('worksheet', 'row', 64 * 1024 * 1024);
    cutter.push('<worksheet><row r="1">');
    for (let i = 0; i < 600; i++) expect(cutter.push(chunk)).toEqual([]);
    expect(cutter.push('</ro')).toEqual([]);
    const [row] = cutter.push('w><row r="2"/></worksheet>');
    expect(row).toHaveLength('<row r="1">'.length + 600 * chunk.length + '</row>'.length);
    expect(row!.endsWith(`${chunk.slice(-20)}</row>`)).toBe(true);
  });
});
