import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLines, needsQuotes } from '#core/contract/csv.ts';
import { CsvSink } from '#ingest/read/csv-sink.ts';
import { tempDir } from '../support/lake.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

/**
 * What the sink must report, from the written text in batches of 500 records: a multi-line cell when a
 * batch has more line breaks than records or any CR, and 3 × its longest line (a batch with a CR: its
 * whole length).
 */
function expected(rows: (string | number)[][]): { multiLine: boolean; longestRecord: number } {
  let multiLine = false;
  let longestRecord = 0;
  for (let at = 0; at < rows.length; at += 500) {
    const batch = rows.slice(at, at + 500);
    const text = csvLines(batch);
    const lines = text.split('\n').slice(0, -1);
    multiLine ||= text.includes('\r') || lines.length > batch.length;
    longestRecord = Math.max(
      longestRecord,
      3 * (text.includes('\r') ? text.length : Math.max(...lines.map((l) => l.length + 1))),
    );
  }
  return { multiLine, longestRecord };
}

/** Write the rows through a sink; `known`: each row told plain when none of its cells needs quotes. */
async function write(rows: (string | number)[][], known = false) {
  const path = join(tmp.dir, 'out.csv');
  const sink = new CsvSink(path);
  for (const [number, ...cells] of rows) {
    const plain = known && !cells.some((c) => needsQuotes(String(c)));
    await sink.add(number as number, cells as string[], plain);
  }
  await sink.end();
  return { text: await readFile(path, 'utf8'), multiLine: sink.multiLine, longestRecord: sink.longestRecord };
}

const plain = (n: number) =>
  Array.from({ length: n }, (_, i) => [i + 2, `U${i}`, 'Laki-Laki', String(i % 5)]);

describe('conversion CSV sink', () => {
  it('writes what the CSV writer writes, with the row number first, and knows the longest line', async () => {
    // text beyond ASCII in a plain row: at a cell's start, inside it, a surrogate pair
    const wide = [5003, 'Café – D1', 'é', 'ok 😀 ok', '', 'D1–D3'];
    const rows = [...plain(1200), [5000], [5001, ''], [5002, 'a,b', 'kutip "x"', 'Café – D1'], wide];
    const out = await write(rows);
    expect(out.text).toBe(csvLines(rows));
    expect(out).toMatchObject({ multiLine: false, longestRecord: expected(rows).longestRecord });
    // rows the reader knows to need no quotes are joined as they are: the same text and figures
    expect(await write(rows, true)).toEqual(out);
  });

  it('finds a line break in a cell, and counts a whole batch as its longest line when a cell has a CR', async () => {
    const withBreak = plain(1200).map((r, i) =>
      i === 700 ? [...r, 'baris satu\nbaris dua yang lebih panjang'] : r,
    );
    const breakOut = await write(withBreak);
    expect(breakOut.text).toBe(csvLines(withBreak));
    expect(expected(withBreak).multiLine).toBe(true);
    expect(breakOut).toMatchObject(expected(withBreak));
    const withCr = plain(1200).map((r, i) => (i === 1100 ? [...r, 'a\r\nb'] : r));
    const crOut = await write(withCr);
    expect(expected(withCr).multiLine).toBe(true);
    expect(crOut).toMatchObject(expected(withCr));
    expect(crOut.longestRecord).toBe(3 * csvLines(withCr.slice(1000)).length);
  });
});
