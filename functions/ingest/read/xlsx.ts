import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { csvLine } from '#core/contract/csv.ts';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { LIMITS } from '../limits.ts';
import { type TabularSource, UnreadableFileError } from './source.ts';
import { readWorkbook, type SheetRow, type SheetRows, type WorkbookTable } from './workbook.ts';

/** Most cells per row read from a sheet: one past the limit, so that a too-wide header is reported. */
const MAX_COLUMNS = LIMITS.maxColumns + 1;

/** The sheets of a workbook as plain row iterators, streamed by exceljs (formula cells give their cached values). */
async function* exceljsSheets(path: string): AsyncIterable<SheetRows> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let seen = 0;
  for await (const sheet of reader) {
    const ws = sheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
    async function* rows(): AsyncIterable<SheetRow> {
      for await (const row of ws) {
        if (++seen > LIMITS.maxSheetRows)
          throw new UnreadableFileError(
            `Buku kerja berisi lebih dari ${LIMITS.maxSheetRows} baris (batas Excel); berkas rusak atau dibuat tidak wajar.`,
          );
        yield { number: row.number, cells: rowCells(row) };
      }
    }
    yield { sheetName: ws.name, rows: rows() };
  }
}

/**
 * Convert a workbook's data to a UTF-8 CSV, streaming, keeping each row's sheet row number: the first sheet
 * with a recognisable header is read (see workbook.ts), title rows above the header and the summary and
 * signature rows of a recap are skipped, Excel dates become ISO text, formulas give their results.
 */
export async function openXlsx(
  path: string,
  ds: Dataset<Record<string, Column>>,
  out: string,
): Promise<TabularSource> {
  const sink = createWriteStream(out);
  let table: WorkbookTable;
  try {
    table = await readWorkbook(exceljsSheets(path), ds, (row) => writeRow(sink, row.number, row.cells));
  } catch (e) {
    sink.destroy();
    if (e instanceof UnreadableFileError) throw e;
    throw new UnreadableFileError(`Berkas Excel tidak dapat dibaca: ${(e as Error).message}`);
  }
  sink.end();
  await once(sink, 'finish');
  return {
    path: out,
    delimiter: ',',
    skipLines: 0,
    header: table.header,
    rows: { explicit: true },
    description: `Excel (XLSX), lembar "${table.sheetName}"`,
    sheet: { name: table.sheetName, position: table.sheetIndex },
    skipped: table.skipped,
  };
}

async function writeRow(sink: WriteStream, number: number, cells: string[]): Promise<void> {
  if (!sink.write(csvLine([number, ...cells]))) await once(sink, 'drain');
}

function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values as unknown[];
  const n = Math.min(values.length - 1, MAX_COLUMNS);
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(cellText(values[i]));
  return out;
}

/** The text an officer sees in a cell. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return o.error;
    return '';
  }
  return String(v);
}
