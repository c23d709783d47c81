import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { csvLines } from '#core/contract/csv.ts';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { readWorkbook, type SheetRows, type WorkbookTable } from './workbook.ts';

/**
 * Rows per write: one CSV writer call per batch (a call per row cost more than the parsing), and a batch's
 * text small enough (~50 KB for a survey row) to stay out of V8's large-object space (see zip.ts).
 */
const BATCH_ROWS = 500;

/** A CSV file written row by row, in batches, waiting when the disk is behind. */
export class CsvSink {
  private readonly stream;
  private batch: unknown[][] = [];
  /** Whether a written cell holds a line break (the engine must then read the file with one thread). */
  multiLine = false;
  /** An upper bound of the longest record's UTF-8 bytes (3 per UTF-16 code unit). */
  longestRecord = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  async add(row: unknown[]): Promise<void> {
    this.batch.push(row);
    if (this.batch.length >= BATCH_ROWS) await this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  destroy(): void {
    this.stream.destroy();
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const text = csvLines(this.batch);
    const lines = lineBreaks(text);
    this.multiLine ||= lines.count > this.batch.length;
    this.longestRecord = Math.max(this.longestRecord, lines.longest * 3);
    this.batch = [];
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}

/**
 * Line breaks in a text (each record ends with one; more means a cell holds one), and the longest line in
 * UTF-16 code units.
 */
function lineBreaks(text: string): { count: number; longest: number } {
  if (text.includes('\r')) return { count: Number.POSITIVE_INFINITY, longest: text.length };
  let count = 0;
  let longest = 0;
  let start = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    count++;
    longest = Math.max(longest, at + 1 - start);
    start = at + 1;
  }
  return { count, longest };
}

/**
 * Convert sheets (of a workbook, or the records of a recap saved as CSV) to a UTF-8 CSV whose first column is
 * each row's number as the officer sees it: the table {@link readWorkbook} finds, title rows and a recap's
 * summary block left out. Whatever the reading throws is passed on, the partial file closed.
 */
export async function convertSheets(
  sheets: AsyncIterable<SheetRows> | Iterable<SheetRows>,
  ds: Dataset<Record<string, Column>>,
  out: string,
): Promise<{ table: WorkbookTable; multiLine: boolean; longestRecord: number }> {
  const sink = new CsvSink(out);
  let table: WorkbookTable;
  try {
    table = await readWorkbook(sheets, ds, (row) => sink.add([row.number, ...row.cells]));
  } catch (e) {
    sink.destroy();
    throw e;
  }
  await sink.end();
  return { table, multiLine: sink.multiLine, longestRecord: sink.longestRecord };
}
