import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { type CsvStyle, csvLines } from '#core/contract/csv.ts';
import type { Out } from './cells.ts';
import { encodeCp1252 } from './cp1252.ts';
import { recapFooter, recapHeader, writeInstructions } from './recap.ts';
import type { FileStyle, Shape } from './style.ts';
import { dataRowWriter } from './xlsx-rows.ts';

/** A streaming table writer: rows go to disk in chunks, never a whole file in memory. */
export interface TableWriter {
  write(row: readonly Out[]): void;
  /** Let buffered output reach the disk (call every few thousand rows). */
  drain(): Promise<void>;
  /** Finish the file; returns its size in bytes. */
  close(): Promise<number>;
}

/** What a file needs besides its style: header texts, title lines (XLSX), date kind per column. */
export interface TableShape {
  headers: readonly string[];
  titles: readonly string[];
  dates: readonly ('date' | 'timestamp' | null)[];
  /** The layout (style.ts): a recap or an instructions sheet first changes the workbook. @default 'plain' */
  shape?: Shape;
  /** Columns of U1…U9, contiguous (recap: the merged "Nilai Unsur Pelayanan" header and the sums). */
  scores?: readonly number[];
}

/** Fixed timestamp inside XLSX packages (document properties and zip entries), for byte-identical output. */
const XLSX_EPOCH = new Date(Date.UTC(2026, 0, 1));
const CHUNK = 1 << 20;

type Zip = { append(source: unknown, data: object): unknown; fixed?: boolean };
const base = ExcelJS.stream.xlsx.WorkbookWriter;
const proto = base.prototype as unknown as Record<
  'addThemes' | 'addOfficeRels',
  (this: unknown) => Promise<void>
>;

/**
 * exceljs's streaming writer stamps every zip entry with the current time, some of them inside its
 * constructor; this subclass fixes the stamp before the first entry is added.
 */
class FixedDateWorkbookWriter extends base {
  private fixZip(): void {
    const zip = (this as unknown as { zip: Zip }).zip;
    if (zip.fixed) return;
    const append = zip.append.bind(zip);
    zip.append = (source, data) => append(source, { ...data, date: XLSX_EPOCH });
    zip.fixed = true;
  }
  override addThemes(): Promise<void> {
    this.fixZip();
    return proto.addThemes.call(this);
  }
  override addOfficeRels(): Promise<void> {
    this.fixZip();
    return proto.addOfficeRels.call(this);
  }
}

/** A file written through synchronous chunked writes of encoded text. */
class TextSink {
  private fd: number;
  private buf = '';
  bytes = 0;
  constructor(
    path: string,
    private encode: (s: string) => Buffer,
    prefix?: Buffer,
  ) {
    this.fd = openSync(path, 'w');
    if (prefix) this.put(prefix);
  }
  private put(b: Buffer) {
    writeSync(this.fd, b);
    this.bytes += b.length;
  }
  text(s: string) {
    this.buf += s;
    if (this.buf.length >= CHUNK) this.flush();
  }
  flush() {
    if (this.buf) this.put(this.encode(this.buf));
    this.buf = '';
  }
  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.bytes;
  }
}

/** Rows formatted per call of the CSV writer. */
const CSV_BATCH_ROWS = 1000;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = (s: string) => Buffer.from(s, 'utf8');

function csvWriter(path: string, style: FileStyle, shape: TableShape): TableWriter {
  const sink = new TextSink(
    path,
    style.encoding === 'cp1252' ? encodeCp1252 : utf8,
    style.encoding === 'utf8-bom' ? BOM : undefined,
  );
  const csv: CsvStyle = { delimiter: style.delimiter, eol: style.encoding === 'utf8' ? '\n' : '\r\n' };
  let pending: string[][] = [];
  const flush = () => {
    if (pending.length > 0) sink.text(csvLines(pending, csv));
    pending = [];
  };
  let rows = -1;
  const write = (row: readonly Out[]) => {
    pending.push(row.map((v) => (v === null ? '' : String(v))));
    if (pending.length >= CSV_BATCH_ROWS) flush();
    // blank lines as an editor leaves them: after every 37th data row, and two at the end
    if (style.blankLines && ++rows > 0 && rows % 37 === 0) blank(1);
  };
  const blank = (n: number) => {
    flush();
    sink.text(csv.eol!.repeat(n));
  };
  write(shape.headers);
  return {
    write,
    drain: async () => {},
    close: async () => {
      flush();
      if (style.blankLines) blank(2);
      return sink.close();
    },
  };
}

function jsonWriter(path: string, shape: TableShape, ndjson: boolean): TableWriter {
  const sink = new TextSink(path, utf8);
  let first = true;
  if (!ndjson) sink.text('[');
  const write = (row: readonly Out[]) => {
    const o: Record<string, Out> = {};
    shape.headers.forEach((h, i) => {
      o[h] = row[i] ?? null;
    });
    sink.text(ndjson ? `${JSON.stringify(o)}\n` : `${first ? '\n' : ',\n'}${JSON.stringify(o)}`);
    first = false;
  };
  return {
    write,
    drain: async () => {},
    close: async () => {
      if (!ndjson) sink.text('\n]\n');
      return sink.close();
    },
  };
}

async function xlsxWriter(path: string, shape: TableShape): Promise<TableWriter> {
  const wb = new FixedDateWorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.created = XLSX_EPOCH;
  wb.modified = XLSX_EPOCH;
  if (shape.shape === 'instructions') writeInstructions(wb.addWorksheet('Petunjuk Pengisian'));
  const ws = wb.addWorksheet(shape.shape === 'recap' ? 'Rekap SKM' : 'Data');
  for (const t of shape.titles) ws.addRow([t]).commit();
  if (shape.titles.length > 0) ws.addRow([]).commit();
  const recap =
    shape.shape === 'recap' && shape.scores ? recapHeader(ws, shape.headers, shape.scores) : undefined;
  if (!recap) ws.addRow([...shape.headers]).commit();
  // One shared style object per kind: exceljs caches style ids by object identity (a fresh object per cell
  // costs a style lookup each).
  const plain = {};
  const dateStyle = { date: { numFmt: 'dd/mm/yyyy' }, timestamp: { numFmt: 'dd/mm/yyyy hh:mm:ss' } } as const;
  const writeRow = dataRowWriter(wb, ws);
  const write = (values: readonly Out[]) => {
    recap?.add(values);
    writeRow(values, (i) => {
      const k = shape.dates[i];
      return k && values[i] instanceof Date ? dateStyle[k] : plain;
    });
  };
  return {
    write,
    drain: () => new Promise((resolve) => setImmediate(resolve)),
    close: async () => {
      if (recap) recapFooter(ws, recap);
      ws.commit();
      await wb.commit();
      return statSync(path).size;
    },
  };
}

/** Open a writer for the file's format. */
export async function openTable(path: string, style: FileStyle, shape: TableShape): Promise<TableWriter> {
  switch (style.format) {
    case 'csv':
      return csvWriter(path, style, shape);
    case 'json':
    case 'ndjson':
      return jsonWriter(path, shape, style.format === 'ndjson');
    case 'xlsx':
      return xlsxWriter(path, shape);
  }
}
