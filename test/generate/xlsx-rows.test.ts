import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Out } from '#generate/cells.ts';
import { dataRowWriter } from '#generate/xlsx-rows.ts';
import { entryStream, zipEntries } from '#ingest/read/zip.ts';

const dir = mkdtempSync(join(tmpdir(), 'pantau-xlsx-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plain = {};
const dateStyle = { numFmt: 'dd/mm/yyyy' };
const styleOf = (values: readonly Out[]) => (i: number) =>
  i % 3 === 0 && values[i] instanceof Date ? dateStyle : plain;

/** Every kind of value a generated cell holds, the characters XML escapes or drops, 30 columns (to AD). */
const ROWS: Out[][] = [
  [new Date(Date.UTC(2026, 6, 1, 8, 30, 15)), 'a<b>&"c\'', '', 0, -1.5, 1e21, true, false, null, 'x\u0001y'],
  [null, null, null],
  [new Date(Date.UTC(2026, 8, 30)), new Date(Date.UTC(2026, 8, 30, 23, 59, 59)), 'Gonçalves', 42, null],
  Array.from({ length: 30 }, (_, i) =>
    i % 4 === 0 ? i : i % 4 === 1 ? `s${i}` : i % 4 === 2 ? null : i > 15,
  ),
  ['only one'],
];

/** A workbook with a header row, then `ROWS` written by `write`. */
async function workbook(
  name: string,
  write: (wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet) => void,
) {
  const path = join(dir, name);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));
  const ws = wb.addWorksheet('Data');
  ws.addRow(['Tanggal', 'Nama']).commit();
  write(wb, ws);
  ws.addRow(['footer']).commit();
  ws.commit();
  await wb.commit();
  const entries = await zipEntries(path, statSync(path).size);
  return Object.fromEntries(
    await Promise.all(entries.map(async (e) => [e.name, await text(await entryStream(path, e))])),
  );
}

describe('XLSX data rows written straight to the sheet', () => {
  it('are the XML and styles exceljs writes for addRow with a style per cell', async () => {
    const general = await workbook('general.xlsx', (_, ws) => {
      for (const values of ROWS) {
        const row = ws.addRow([...values]);
        values.forEach((_, i) => {
          row.getCell(i + 1).style = styleOf(values)(i) as ExcelJS.Style;
        });
        row.commit();
      }
    });
    const fast = await workbook('fast.xlsx', (wb, ws) => {
      const write = dataRowWriter(wb, ws);
      for (const values of ROWS) write(values, styleOf(values));
    });
    expect(Object.keys(fast)).toEqual(Object.keys(general));
    for (const name of Object.keys(general)) expect(fast[name], name).toBe(general[name]);
    expect(fast['xl/worksheets/sheet1.xml']).toContain('<c r="AD5"');
    expect(fast['xl/worksheets/sheet1.xml']).toContain('<row r="7"');
  });
});
