import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { csvRecord } from '#core/contract/csv.ts';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { COMMA, LF } from './bytes.ts';
import { readWorkbook, type SheetRows, type WorkbookTable } from './workbook.ts';

/**
 * Records per batch: the line figures are kept per batch (see `flush`), and the writer waits for the disk
 * once a batch.
 */
const BATCH_ROWS = 500;
/** Bytes of the buffer records are written into (a new one once it is handed to the file). */
const BUFFER_BYTES = 64 * 1024;

/** A CSV file written record by record into a byte buffer, written out in batches, waiting when the disk is behind. */
export class CsvSink {
  private readonly stream;
  private out = Buffer.allocUnsafe(BUFFER_BYTES);
  private at = 0;
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
    const head = this.head(number);
    if (plain && cells.length > 0) return this.counted(head + 1 + this.plainRecord(cells) + 1);
    const record = cells.length === 0 ? undefined : csvRecord(cells);
    if (record === undefined) {
      this.at--; // the comma after the number
      this.room(1);
      this.out[this.at++] = LF;
      return this.counted(head + 1);
    }
    this.room(record.length * 3 + 1);
    this.at += this.out.write(record, this.at);
    this.out[this.at++] = LF;
    const length = head + 1 + record.length + 1;
    // a cell with a line break or CR is quoted: a record without a quote has one break, at its end
    if (plain || !record.includes('"')) return this.counted(length);
    this.chars += length;
    if (record.includes('\r')) this.carriageReturn = true;
    else {
      const lines = lineBreaks(`${number},${record}\n`);
      this.breaks += lines.count;
      this.longest = Math.max(this.longest, lines.longest);
    }
    return this.counted(0);
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  destroy(): void {
    this.stream.destroy();
  }

  /**
   * Write cells known to need no quotes joined by commas, and the line break, without joining them first
   * (ASCII byte by byte); the record's length in UTF-16 code units.
   */
  private plainRecord(cells: readonly string[]): number {
    let length = cells.length - 1;
    for (const cell of cells) length += cell.length;
    this.room(length * 3 + 1);
    const out = this.out;
    let at = this.at;
    for (let j = 0; j < cells.length; j++) {
      if (j > 0) out[at++] = COMMA;
      const cell = cells[j]!;
      for (let i = 0; i < cell.length; i++) {
        const c = cell.charCodeAt(i);
        if (c >= 0x80) {
          // the rest from the first character beyond ASCII (a surrogate pair starts there, never in between)
          at += out.write(i === 0 ? cell : cell.slice(i), at);
          break;
        }
        out[at++] = c;
      }
    }
    out[at++] = LF;
    this.at = at;
    return length;
  }

  /** Write a record's number and the comma after it; its length in characters. */
  private head(number: number): number {
    if (!(Number.isInteger(number) && number >= 0 && number < 1e15)) {
      const text = String(number);
      this.room(text.length + 1);
      this.at += this.out.write(text, this.at, 'latin1');
      this.out[this.at++] = COMMA;
      return text.length;
    }
    // a row number (what String gives: its decimal digits), written digit by digit
    let digits = 1;
    for (let rest = number; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    this.room(digits + 1);
    let at = this.at + digits;
    for (let rest = number; at > this.at; rest = Math.floor(rest / 10)) this.out[--at] = 0x30 + (rest % 10);
    this.at += digits;
    this.out[this.at++] = COMMA;
    return digits;
  }

  /** Count a record of one line of `length` characters (0: counted already); write the batch when full. */
  private counted(length: number): Promise<void> | undefined {
    if (length > 0) {
      this.chars += length;
      this.breaks++;
      if (length > this.longest) this.longest = length;
    }
    return ++this.records >= BATCH_ROWS ? this.flush() : undefined;
  }

  /** Make room for `bytes` more bytes: the buffer written so far is handed to the file, a new one taken. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.out.length) return;
    if (this.at > 0) this.stream.write(this.out.subarray(0, this.at));
    this.out = Buffer.allocUnsafe(Math.max(BUFFER_BYTES, bytes));
    this.at = 0;
  }

  /** Write the batch; a CR anywhere in it counts as a multi-line cell, its longest line the whole batch. */
  private async flush(): Promise<void> {
    if (this.records === 0) return;
    this.multiLine ||= this.carriageReturn || this.breaks > this.records;
    this.longestRecord = Math.max(this.longestRecord, (this.carriageReturn ? this.chars : this.longest) * 3);
    this.records = 0;
    this.chars = this.breaks = this.longest = 0;
    this.carriageReturn = false;
    const bytes = this.out.subarray(0, this.at);
    this.out = Buffer.allocUnsafe(BUFFER_BYTES);
    this.at = 0;
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
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
