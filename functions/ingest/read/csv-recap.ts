import { createReadStream, fstatSync, readSync } from 'node:fs';
import { parse as parseStream } from 'csv-parse';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { headRecords } from './csv-head.ts';
import { convertSheets } from './csv-sink.ts';
import { withFile } from './file-chunks.ts';
import { TAIL_BYTES } from './inspect.ts';
import { type CsvSource, UnreadableFileError } from './source.ts';
import { headerRowCount, isSummaryRow, mayStartSummaryRow, type SheetRow } from './workbook.ts';

type Delimiter = CsvSource['delimiter'];

/** Records of a delimited text, blank lines kept as empty records (a spreadsheet shows them as rows). */
const OPTIONS = (delimiter: Delimiter) =>
  ({
    delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
  }) as const;

const records = (text: string, delimiter: Delimiter, to?: number): string[][] =>
  (headRecords(text, delimiter, to, true) ?? []).map((r) => r.record);

/**
 * Whether some line of `text` could hold a summary row: the line with its leading blanks, quotes and
 * delimiters (the empty cells before the first text) left out must start like one. Every record whose first
 * text opens a summary row passes, so only files that pass are parsed (~2 ms for 16 kB).
 */
function mayEndInSummary(text: string): boolean {
  return text.split('\n').some((line) => mayStartSummaryRow(line.replace(/^[\s",;|]+/, '')));
}

/** A file's last bytes (at most {@link TAIL_BYTES}) and its size. */
export interface FileTail {
  bytes: Buffer;
  size: number;
}

function readTail(path: string): FileTail {
  return withFile(path, (fd) => {
    const { size } = fstatSync(fd);
    const length = Math.min(size, TAIL_BYTES);
    const bytes = Buffer.alloc(length);
    readSync(fd, bytes, 0, length, size - length);
    return { bytes, size };
  });
}

/** The last records of a file (the first, possibly cut, line of its tail left out). */
async function tailRecords(
  path: string,
  delimiter: Delimiter,
  known: FileTail | undefined,
): Promise<string[][]> {
  const { bytes, size } = known ?? readTail(path);
  const text = bytes.toString('utf8');
  const tail = bytes.length < size ? text.slice(text.indexOf('\n') + 1) : text;
  return mayEndInSummary(tail) ? records(tail, delimiter) : [];
}

/**
 * A recap saved as CSV: its header spans two rows, or summary/closing rows end the file (see workbook.ts).
 * A second header row can only be next to the best single one (`headerRecord`, from the delimiter sniff), so
 * only those three rows are tried.
 */
async function isRecap(
  path: string,
  { head, tail }: { head: string; tail?: FileTail },
  at: { delimiter: Delimiter; headerRecord: number },
  ds: Dataset<Record<string, Column>>,
): Promise<boolean> {
  const rows: SheetRow[] = records(head, at.delimiter, at.headerRecord + 2)
    .map((cells, i) => ({ number: i + 1, cells }))
    .slice(Math.max(0, at.headerRecord - 1), at.headerRecord + 2);
  if (headerRowCount(ds, rows) === 2) return true;
  return (await tailRecords(path, at.delimiter, tail)).some(isSummaryRow);
}

/** The file's records as sheet rows, numbered as a spreadsheet shows them (blank lines count). */
async function* csvRows(path: string, delimiter: Delimiter): AsyncGenerator<SheetRow[]> {
  let number = 0;
  for await (const cells of createReadStream(path).pipe(parseStream(OPTIONS(delimiter))))
    yield [{ number: ++number, cells: cells as string[] }];
}

/**
 * An SKM recap workbook saved as CSV by Excel (merged cells become empty cells): read like the workbook
 * itself, by the one definition in workbook.ts — the header assembled over two rows, the summary and
 * signature rows under the data skipped and counted — and converted to a CSV with each row's number.
 * Undefined when the file is no recap (the engine then reads it directly). `text.head` is the file's first
 * records as text, `text.tail` its last bytes when already read (else they are read from `path`), `at` the
 * delimiter and the 0-based record of the best one-row header found in the head.
 */
export async function openCsvRecap(
  path: string,
  text: { head: string; tail?: FileTail },
  at: { delimiter: Delimiter; headerRecord: number },
  ds: Dataset<Record<string, Column>>,
  out: string,
): Promise<Omit<CsvSource, 'description'> | undefined> {
  if (!(await isRecap(path, text, at, ds))) return undefined;
  const { delimiter } = at;
  let converted: Awaited<ReturnType<typeof convertSheets>>;
  try {
    converted = await convertSheets([{ sheetName: '', rows: csvRows(path, delimiter) }], ds, out);
  } catch (e) {
    if (e instanceof UnreadableFileError) throw e;
    throw new UnreadableFileError(`Berkas CSV tidak dapat dibaca: ${(e as Error).message}`);
  }
  return {
    format: 'csv',
    path: out,
    delimiter: ',',
    skipLines: 0,
    header: converted.table.header,
    rows: { explicit: true },
    quotedNewlines: converted.multiLine,
    longestRecord: converted.longestRecord,
    skipped: converted.table.skipped,
  };
}
