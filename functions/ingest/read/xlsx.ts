import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { headerScore } from '../headers.ts';
import { LIMITS } from '../limits.ts';
import { CsvSink } from './csv-sink.ts';
import { HEADER_SEARCH_ROWS, type TabularSource, UnreadableFileError } from './source.ts';
import { workbookSheets } from './xlsx-rows.ts';
import type { ZipEntry } from './zip.ts';

/**
 * Convert the first sheet of a workbook to a UTF-8 CSV, streaming, keeping each row's sheet row number:
 * title rows above the header are skipped, Excel dates become ISO text, formulas give their results.
 */
export async function openXlsx(
  path: string,
  entries: ZipEntry[],
  ds: Dataset<Record<string, Column>>,
  out: string,
): Promise<TabularSource> {
  const sink = new CsvSink(out);
  let header: string[] | undefined;
  const pending: { number: number; cells: string[] }[] = [];
  let seen = 0;
  try {
    for await (const sheet of workbookSheets(path, entries)) {
      for await (const row of sheet.rows) {
        if (++seen > LIMITS.maxSheetRows)
          throw new UnreadableFileError(
            `Lembar pertama berisi lebih dari ${LIMITS.maxSheetRows} baris (batas Excel); berkas rusak atau dibuat tidak wajar.`,
          );
        const { cells } = row;
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
  await sink.end();
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
  sink: CsvSink,
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

const writeRow = (sink: CsvSink, number: number, cells: string[]) => sink.add([number, ...cells]);
