import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { csvLine } from '#core/contract/csv.ts';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { headerScore } from '../headers.ts';
import { LIMITS } from '../limits.ts';
import { HEADER_SEARCH_ROWS, type TabularSource, UnreadableFileError } from './source.ts';

/** Most cells per row read from a sheet: one past the limit, so that a too-wide header is reported. */
const MAX_COLUMNS = LIMITS.maxColumns + 1;

/**
 * Convert the first sheet of a workbook to a UTF-8 CSV, streaming, keeping each row's sheet row number:
 * title rows above the header are skipped, Excel dates become ISO text, formulas give their results.
 */
export async function openXlsx(
  path: string,
  ds: Dataset<Record<string, Column>>,
  out: string,
): Promise<TabularSource> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const sink = createWriteStream(out);
  let header: string[] | undefined;
  const pending: { number: number; cells: string[] }[] = [];
  let seen = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (++seen > LIMITS.maxSheetRows)
          throw new UnreadableFileError(
            `Lembar pertama berisi lebih dari ${LIMITS.maxSheetRows} baris (batas Excel); berkas rusak atau dibuat tidak wajar.`,
          );
        const cells = rowCells(row);
        if (cells.every((c) => c === '')) continue;
        if (header) {
          await writeRow(sink, row.number, cells);
          continue;
        }
        pending.push({ number: row.number, cells });
        if (pending.length >= HEADER_SEARCH_ROWS) header = await flushHeader(pending, ds, sink);
      }
      break; // the first sheet only
    }
    header ??= await flushHeader(pending, ds, sink);
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
    header,
    rows: { explicit: true },
    description: 'Excel (XLSX), lembar pertama',
  };
}

/** Pick the header among the buffered rows, then write the rows after it. */
async function flushHeader(
  pending: { number: number; cells: string[] }[],
  ds: Dataset<Record<string, Column>>,
  sink: WriteStream,
): Promise<string[]> {
  let best = -1;
  let bestScore = 0;
  pending.forEach((r, i) => {
    const score = headerScore(ds, r.cells);
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  if (best < 0) {
    throw new UnreadableFileError(
      `Baris judul kolom tidak ditemukan pada ${HEADER_SEARCH_ROWS} baris pertama lembar pertama (nama kolom tidak dikenali).`,
    );
  }
  for (const r of pending.slice(best + 1)) await writeRow(sink, r.number, r.cells);
  return pending[best]!.cells;
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
