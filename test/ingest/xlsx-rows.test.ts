import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetRow } from '#ingest/read/workbook.ts';
import { workbookSheets } from '#ingest/read/xlsx-rows.ts';
import { guardZip } from '#ingest/read/zip-guard.ts';
import { zip } from '../fixtures/hostile/zip.ts';
import { tempDir } from '../support/lake.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

/** Every sheet of a workbook file with all its rows, as the row source yields them (numbers and cells). */
async function readAll(path: string): Promise<{ sheetName: string; rows: SheetRow[] }[]> {
  const out: { sheetName: string; rows: SheetRow[] }[] = [];
  for await (const sheet of workbookSheets(path, await guardZip(path, (await stat(path)).size))) {
    const rows: SheetRow[] = [];
    for await (const batch of sheet.rows) for (const { number, cells } of batch) rows.push({ number, cells });
    out.push({ sheetName: sheet.sheetName, rows });
  }
  return out;
}

describe('XLSX row source', () => {
  it('reads an Excel-written workbook: every sheet in order, shared and rich strings, dates, formulas', async () => {
    const file = join(tmp.dir, 'excel.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Rekap');
    ws.getCell('A1').value = 'Judul & <catatan>';
    ws.getCell('A3').value = 'teks';
    ws.getCell('C3').value = 42;
    ws.getCell('D3').value = 0.1;
    ws.getCell('E3').value = new Date(Date.UTC(2026, 7, 12));
    ws.getCell('F3').value = new Date(Date.UTC(2026, 7, 12, 9, 15, 30));
    ws.getCell('G3').value = true;
    ws.getCell('H3').value = { formula: '1+1', result: 2 };
    ws.getCell('I3').value = { formula: 'A3&"!"', result: 'teks!' };
    ws.getCell('J3').value = { richText: [{ text: 'Kantor ' }, { font: { bold: true }, text: 'Café' }] };
    ws.getCell('K3').value = { error: '#N/A' };
    ws.getCell('L3').value = -3.5;
    wb.addWorksheet('Catatan').getCell('B2').value = 'bukan data';
    await wb.xlsx.writeFile(file);
    expect(await readAll(file)).toEqual([
      {
        sheetName: 'Rekap',
        rows: [
          { number: 1, cells: ['Judul & <catatan>'] },
          {
            number: 3,
            cells: [
              'teks',
              '',
              '42',
              '0.1',
              '2026-08-12',
              '2026-08-12 09:15:30',
              'true',
              '2',
              'teks!',
              'Kantor Café',
              '#N/A',
              '-3.5',
            ],
          },
        ],
      },
      { sheetName: 'Catatan', rows: [{ number: 2, cells: ['', 'bukan data'] }] },
    ]);
  });

  it('reads what other writers produce: prefixed namespaces, inline and phonetic strings, no references, 1904 dates', async () => {
    const ns = 'http://schemas.openxmlformats.org';
    const part = (name: string, xml: string) => ({ name, data: Buffer.from(xml) });
    const file = join(tmp.dir, 'other.xlsx');
    await writeFile(
      file,
      zip([
        part(
          '_rels/.rels',
          `<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="r1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
        ),
        part(
          'xl/workbook.xml',
          `<x:workbook xmlns:x="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="Data &amp; Rekap" sheetId="7" r:id="s2"/><x:sheet name="Lain" sheetId="1" r:id="s1"/></x:sheets></x:workbook>`,
        ),
        part(
          'xl/_rels/workbook.xml.rels',
          `<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="s1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="sheets/a.xml"/><Relationship Id="s2" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="sheets/b.xml"/><Relationship Id="t" Type="${ns}/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/><Relationship Id="st" Type="${ns}/officeDocument/2006/relationships/styles" Target="gaya.xml"/></Relationships>`,
        ),
        part(
          'xl/strings.xml',
          `<x:sst xmlns:x="${ns}/spreadsheetml/2006/main"><x:si><x:t>Kode Unit</x:t></x:si><x:si><x:r><x:t xml:space="preserve">Samsat </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>Induk</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ふりがな</x:t></x:rPh></x:si><x:si><x:t>&#233;&#x20AC; &lt;ok&gt;</x:t></x:si></x:sst>`,
        ),
        part(
          'xl/gaya.xml',
          `<styleSheet xmlns="${ns}/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="170" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="170" applyNumberFormat="1"><alignment/></xf><xf numFmtId="4"/></cellXfs></styleSheet>`,
        ),
        part(
          'xl/sheets/b.xml',
          `<x:worksheet xmlns:x="${ns}/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row><x:row><x:c s="1"><x:v>44784</x:v></x:c><x:c s="2"><x:v>1234.5</x:v></x:c><x:c t="inlineStr"><x:is><x:t><![CDATA[<mentah> & apa adanya]]></x:t></x:is></x:c><x:c t="str"><x:f>A1</x:f><x:v>hasil</x:v></x:c></x:row><x:row r="9" spans="1:2"><x:c r="B9" t="b"><x:v>0</x:v></x:c><x:c r="D9"/></x:row></x:sheetData></x:worksheet>`,
        ),
        part(
          'xl/sheets/a.xml',
          `<worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="e"><v>#DIV/0!</v></c></row></sheetData></worksheet>`,
        ),
      ]),
    );
    expect(await readAll(file)).toEqual([
      {
        sheetName: 'Data & Rekap',
        rows: [
          { number: 1, cells: ['Kode Unit', 'Samsat Induk', 'é€ <ok>'] },
          // 44784 days after 1904-01-01 is 2026-08-12
          { number: 2, cells: ['2026-08-12', '1234.5', '<mentah> & apa adanya', 'hasil'] },
          { number: 9, cells: ['', 'false', '', ''] },
        ],
      },
      { sheetName: 'Lain', rows: [{ number: 1, cells: ['#DIV/0!'] }] },
    ]);
  });

  it('rejects an entity it does not know rather than expanding it', async () => {
    const ns = 'http://schemas.openxmlformats.org';
    const file = join(tmp.dir, 'entity.xlsx');
    await writeFile(
      file,
      zip([
        {
          name: 'xl/workbook.xml',
          data: Buffer.from(
            `<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="r"><sheets><sheet name="A" r:id="a"/></sheets></workbook>`,
          ),
        },
        {
          name: 'xl/_rels/workbook.xml.rels',
          data: Buffer.from('<Relationships><Relationship Id="a" Target="s.xml"/></Relationships>'),
        },
        {
          name: 'xl/s.xml',
          data: Buffer.from(
            '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&bom;</t></is></c></row></sheetData></worksheet>',
          ),
        },
      ]),
    );
    await expect(readAll(file)).rejects.toThrow(/undefined entity &bom;/);
  });
});
