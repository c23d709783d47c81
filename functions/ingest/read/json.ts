import { readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Duck } from '#core/duckdb.ts';
import { literal } from '#core/duckdb.ts';
import { LIMITS } from '../limits.ts';
import { withFile } from './file-chunks.ts';
import { type TabularSource, UnreadableFileError } from './source.ts';

/** The record number's column in the converted file (its name is never a header cell). */
const ROW = '__row';

/**
 * Convert a JSON array of objects or NDJSON into a UTF-8 CSV with DuckDB's JSON reader (streamed), numbering
 * records from 1. The object keys are the header.
 */
export async function openJson(path: string, head: Buffer, duck: Duck, out: string): Promise<TabularSource> {
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  const format = text.startsWith('[') ? 'array' : 'newline_delimited';
  const source = `read_json(${literal(path)}, format = ${literal(format)}, records = true, maximum_depth = 2, sample_size = 20480)`;
  try {
    const converted = (await convertOnce(duck, source, out)) ?? (await convertDescribed(duck, source, out));
    if (converted.header.length === 0 || (converted.header.length === 1 && converted.header[0] === 'json')) {
      throw new Error('bukan array objek');
    }
    return {
      path: out,
      delimiter: ',',
      skipLines: converted.skipLines,
      header: converted.header,
      rows: { explicit: true },
      description: format === 'array' ? 'JSON (array objek)' : 'NDJSON (satu objek per baris)',
    };
  } catch (e) {
    throw new UnreadableFileError(
      `Berkas JSON tidak dapat dibaca sebagai data tabel: isinya harus berupa array objek ([{...}, {...}]) atau satu objek per baris (NDJSON). Rincian: ${firstLine(e)}`,
    );
  }
}

interface Converted {
  header: string[];
  skipLines: number;
}

/** The rows of the JSON reader's relation: the record number, then every column as text. */
const rowsOf = (source: string) =>
  `SELECT row_number() OVER () AS ${ROW}, COLUMNS(*)::VARCHAR FROM ${source}`;

/**
 * The usual way, one statement: the reader detects the columns once (its sample of 20,480 records is most of
 * its time) and the CSV written carries them as its header line, on one engine thread (a second one only
 * costs CPU here; and the engine's NDJSON scan on more threads refuses a byte-order mark that its
 * one-thread scan skips, so an NDJSON export saved with one is read whatever the engine's threads). Null when the engine fails or the header line cannot stand for the columns as detected
 * (a key spanning lines, a key renamed beside the record number's column): {@link convertDescribed} then
 * decides, with the error or result the file always had.
 */
async function convertOnce(duck: Duck, source: string, out: string): Promise<Converted | null> {
  try {
    await duck.withThreads(1, () =>
      duck.run(`COPY (${rowsOf(source)}) TO ${literal(out)} (FORMAT csv, HEADER true)`),
    );
  } catch {
    return null;
  }
  const cells = await headerLine(out);
  if (cells === null || cells[0] !== ROW) return null;
  const header = cells.slice(1);
  return header.some((name) => name.toLowerCase().startsWith(ROW)) ? null : { header, skipLines: 1 };
}

/** The columns as DESCRIBE finds them, then the rows without a header line. */
async function convertDescribed(duck: Duck, source: string, out: string): Promise<Converted> {
  const described = await duck.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`);
  const header = described.map((d) => d.column_name);
  if (header.length === 0 || (header.length === 1 && header[0] === 'json')) return { header, skipLines: 0 };
  await duck.run(`COPY (${rowsOf(source)}) TO ${literal(out)} (FORMAT csv, HEADER false)`);
  return { header, skipLines: 0 };
}

/** The cells of the CSV's first physical line; null when it holds no whole record (a quoted line break). */
async function headerLine(path: string): Promise<string[] | null> {
  try {
    const line = firstLineOf(path);
    if (line === null || line.includes('\r')) return null;
    const records = parse(line, { delimiter: ',', quote: '"', escape: '"' }) as string[][];
    return records.length === 1 ? records[0]! : null;
  } catch {
    return null;
  }
}

/** Bytes read first for a first line: most are far shorter (the rest of the limit is read only if needed). */
const FIRST_READ_BYTES = 64 * 1024;

/** The text of a file's first line within its first {@link LIMITS.maxLineBytes}, or null without a line end. */
function firstLineOf(path: string): string | null {
  return withFile(path, (fd) => {
    for (const length of [Math.min(FIRST_READ_BYTES, LIMITS.maxLineBytes), LIMITS.maxLineBytes]) {
      const buffer = Buffer.allocUnsafe(length);
      const read = readSync(fd, buffer, 0, length, 0);
      const end = buffer.subarray(0, read).indexOf(0x0a);
      if (end >= 0) return buffer.toString('utf8', 0, end);
      if (read < length) return null;
    }
    return null;
  });
}

const firstLine = (e: unknown) =>
  String((e as Error).message)
    .split('\n')[0]!
    .replace(/ in file "[^"]*"/g, '')
    .slice(0, 300);
