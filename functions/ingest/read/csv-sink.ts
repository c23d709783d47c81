import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { csvRecord } from '#core/contract/csv.ts';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { readWorkbook, type SheetRows, type WorkbookTable } from './workbook.ts';

/**
 * Rows per write: one write per batch (a write per row cost more than the parsing), and a batch's text
 * small enough (~50 KB for a survey row) to stay out of V8's large-object space (see zip.ts).
 */
const BATCH_ROWS = 500;

/** A CSV file written row by row, in batches, waiting when the disk is behind. */
export class CsvSink {
  private readonly stream;
  /** The batch's text in pieces (joined once when it is written), and its records. */
  private pieces: string[] = [];
  private records = 0;
  /** Of the batch: its characters, whether a line holds a CR, its line breaks and longest line. */
  private chars = 0;
  private carriageReturn = false;
  private breaks = 0;
  private longest = 0;
  /** Whether a written cell holds a line break (the engine must then read the file with one thread). */
  multiLine = false;
  /** An upper bound of the longest record's UTF-8 bytes (3 per UTF-16 code unit). */
  longestRecord = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  /**
   * Add a record: the row number, then the cells (`plain`: known to need no quotes, see `SheetRow` in workbook.ts).
   * Returns a promise (to wait for) only when a batch is written.
   */
  add(number: number, cells: readonly string[], plain = false): Promise<void> | undefined {
    const head = String(number);
    const record = cells.length === 0 ? undefined : plain ? cells.join(',') : csvRecord(cells);
    if (record === undefined) this.pieces.push(head, '\n');
    else this.pieces.push(head, ',', record, '\n');
    const length = head.length + 1 + (record === undefined ? 0 : record.length + 1);
    this.chars += length;
    // a cell with a line break or CR is quoted: a record without a quote has one break, at its end
    if (record === undefined || plain || !record.includes('"')) {
      this.breaks++;
      if (length > this.longest) this.longest = length;
    } else if (record.includes('\r')) this.carriageReturn = true;
    else {
      const lines = lineBreaks(`${head},${record}\n`);
      this.breaks += lines.count;
      this.longest = Math.max(this.longest, lines.longest);
    }
    return ++this.records >= BATCH_ROWS ? this.flush() : undefined;
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  destroy(): void {
    this.stream.destroy();
  }

  /** Write the batch; a CR anywhere in it counts as a multi-line cell, its longest line the whole batch. */
  private async flush(): Promise<void> {
    if (this.records === 0) return;
    const text = this.pieces.join('');
    this.multiLine ||= this.carriageReturn || this.breaks > this.records;
    this.longestRecord = Math.max(this.longestRecord, (this.carriageReturn ? this.chars : this.longest) * 3);
    this.pieces = [];
    this.records = 0;
    this.chars = this.breaks = this.longest = 0;
    this.carriageReturn = false;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}

/** Line breaks in a text (a record's one, and any in its cells), and the longest line in UTF-16 code units. */
function lineBreaks(text: string): { count: number; longest: number } {
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
    table = await readWorkbook(sheets, ds, (row) => sink.add(row.number, row.cells, row.plain));
  } catch (e) {
    sink.destroy();
    throw e;
  }
  await sink.end();
  return { table, multiLine: sink.multiLine, longestRecord: sink.longestRecord };
}
