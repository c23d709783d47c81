import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import type { Duck, SqlParams } from '#core/duckdb.ts';
import { ident, literal, structValue } from '#core/duckdb.ts';
import { headerScore } from '../headers.ts';
import { STAGED_PARQUET_WRITE } from '../limits.ts';
import { guardJson } from './json-guard.ts';
import { type ParquetSource, UnreadableFileError } from './source.ts';

/** The record number's column in the converted file (its name is never a header cell). */
const ROW = '__row';
/**
 * The converted file's second column: the bytes of each record's cells as text (see {@link rowsOf}). Its
 * name starts as {@link ROW}'s: a key renamed beside it is one named like the record number's column.
 */
const TEXT_BYTES = '__row_bytes';

/**
 * Guard the file ({@link guardJson}), then convert a JSON array of objects, NDJSON or objects one after
 * another spread over lines (pretty-printed) into a Parquet file with DuckDB's JSON reader (streamed),
 * numbering records from 1 and keeping every value as the text of what the reader detected
 * ({@link JSON_CELLS_AS_TEXT}). The object keys are the header. A file that is one object holding its
 * records in a list (an API's `{"data": [...]}`) is refused with what to upload instead.
 */
export async function openJson(
  path: string,
  head: Buffer,
  ds: Dataset<Record<string, Column>>,
  duck: Duck,
  out: string,
  /** The file's bytes, when in memory. */
  whole?: Buffer,
): Promise<ParquetSource> {
  const keys = await guardJson(path, undefined, whole);
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  const formats: JsonFormat[] = text.startsWith('[') ? ['array'] : ['newline_delimited', 'unstructured'];
  let read: { format: JsonFormat; source: string; converted: Converted } | undefined;
  let failure: unknown;
  // objects spread over several lines (pretty-printed) are no NDJSON: read as a sequence of objects then,
  // and where that fails too, the file is refused with the reason its NDJSON reading gave
  for (const format of formats) {
    const source = `read_json(${literal(path)}, format = ${literal(format)}, ${JSON_READ_OPTIONS})`;
    try {
      read = { format, source, converted: await convert(duck, { path, format, source }, keys, out) };
      break;
    } catch (e) {
      failure ??= e;
    }
  }
  if (!read)
    throw new UnreadableFileError(
      `Berkas JSON tidak dapat dibaca sebagai data tabel: isinya harus berupa array objek ([{...}, {...}]) atau satu objek per baris (NDJSON). Rincian: ${firstLine(failure)}`,
    );
  const { converted } = read;
  if (converted.rows === 1 && headerScore(ds, converted.header) === 0) await refuseWrapped(duck, read.source);
  return {
    format: 'parquet',
    path: out,
    header: converted.header,
    rows: { explicit: true },
    textBytes: converted.textBytes,
    description: DESCRIPTIONS[read.format],
  };
}

/**
 * How the JSON reader detects the columns, where it does ({@link convertOnce}): the keys from the first
 * 20,480 records, anything nested below a record's own keys as one value, and every text as written. Left
 * to itself, the reader turns texts that look like dates or times into values: a time with its zone offset
 * was moved to UTC (`2026-07-01T05:00:00+07:00` became `2026-06-30 22:00:00`, out of the third quarter, a
 * value the officer's file does not hold), and `01-07-2026` became `2026-07-01`. Given formats no export's
 * cell is written in (a prefix of ours), it detects no date or time: the texts are read by the same rules
 * as a CSV's cells, which keep a time as written (docs/intake.md, "Dates").
 */
export const JSON_READ_OPTIONS =
  "records = true, maximum_depth = 2, sample_size = 20480, dateformat = 'pantau: tanggal %Y', timestampformat = 'pantau: waktu %Y'";

/** How the JSON reader is told to find the records. */
type JsonFormat = 'array' | 'newline_delimited' | 'unstructured';
/** How the report names each form of export. */
const DESCRIPTIONS: Record<JsonFormat, string> = {
  array: 'JSON (array objek)',
  newline_delimited: 'NDJSON (satu objek per baris)',
  unstructured: 'JSON (objek berurutan)',
};

/** A JSON export as the engine reads it: its path, its form, and the reader that detects its columns. */
interface JsonFile {
  path: string;
  format: JsonFormat;
  /** The reader's relation over the file, with the columns it detects ({@link JSON_READ_OPTIONS}). */
  source: string;
}

/** The records of `file` converted to `out`, or an error when they are no table of objects. */
async function convert(duck: Duck, file: JsonFile, keys: string[] | null, out: string): Promise<Converted> {
  const converted =
    (await convertByKeys(duck, file, keys, out)) ??
    (await convertOnce(duck, file.source, out)) ??
    (await convertDescribed(duck, file.source, out));
  if (converted.header.length === 0 || (converted.header.length === 1 && converted.header[0] === 'json'))
    throw new Error('bukan array objek');
  return converted;
}

/**
 * Refuse a file that is one record none of whose keys is a column of the dataset, one of whose keys holds
 * a list of objects: the records are inside that key. Said so, with the key and its records counted, where
 * the missing columns would otherwise be listed as if the export had none of them.
 */
async function refuseWrapped(duck: Duck, source: string): Promise<void> {
  const list = (await describe(duck, source)).find((c) =>
    /^(STRUCT\(.*\)|MAP\(.*\)|JSON)\[\]$/s.test(c.column_type),
  );
  if (!list) return;
  const [row] = await duck.rows<{ n: string }>(`SELECT len(${ident(list.column_name)}) AS n FROM ${source}`);
  throw new UnreadableFileError(
    `Berkas JSON ini satu objek yang menyimpan ${Number(row!.n).toLocaleString('id-ID')} baris data di dalam kunci "${list.column_name}". Simpan isi kunci itu saja sebagai array objek ([{...}, {...}]) atau satu objek per baris (NDJSON), lalu unggah ulang.`,
  );
}

interface Converted {
  header: string[];
  /** Records written. */
  rows: number;
  textBytes: number;
}

/**
 * Every column of the JSON reader's relation as text (a select list). A key whose values mix kinds across
 * records (the number `4` here, the text `"4"` there, as forms tools write them) is read as JSON, and a JSON
 * text's own text keeps its quote marks: such a column gives each value's text without them (`"4"` → `4`,
 * `4` → `4`). Which columns are JSON is known when the statement is planned: the choice costs nothing per cell.
 */
const JSON_CELLS_AS_TEXT =
  "CASE WHEN typeof(COLUMNS(*)) = 'JSON' THEN json_extract_string(COLUMNS(*), '$') ELSE COLUMNS(*)::VARCHAR END";

/**
 * The rows of the JSON reader's relation: the record number, the bytes of the record's cells as text, then
 * every column as text ({@link JSON_CELLS_AS_TEXT}). The bytes are `concat_ws`'s, which takes every cell as
 * text: `concat` joins a key whose values are all lists (`"Lampiran": ["foto.jpg"]`) as lists, and the
 * statement failed on such an export, even where the key is not one of the dataset's columns.
 */
const rowsOf = (source: string) =>
  `SELECT row_number() OVER () AS ${ROW}, strlen(concat_ws('', *COLUMNS(*))) AS ${TEXT_BYTES}, ${JSON_CELLS_AS_TEXT}
   FROM ${source}`;

/**
 * The quick way, where the keys can be the columns as they are: every record's keys in the order first met,
 * as the guard's scan of the bytes found them (json-guard.ts), then the records read with those keys as text
 * columns. No type detection, which was about half of a large export's conversion (its sample of 20,480
 * records read twice), and no pass of the engine over the records for their keys (a large export's
 * conversion took ~18 % less CPU without it); and a key first met after that sample is a column like the
 * others, where the detecting reader refuses the file. Null where the keys cannot be the columns as they are
 * (none found: no record, a record that is no object, two keys the same but for case, which the engine's
 * column names do not tell apart; a key named like the record number's columns) or the reading fails: the
 * reader then detects the columns ({@link convertOnce}). Each value is the reader's text of it: a text
 * without its quote marks, a number as written, a list or an object as its JSON.
 */
async function convertByKeys(
  duck: Duck,
  file: JsonFile,
  keys: string[] | null,
  out: string,
): Promise<Converted | null> {
  if (keys === null || keys.some((k) => k.toLowerCase().startsWith(ROW))) return null;
  // the path is a scratch file of ours and the format one of three: literals. The keys are the upload's:
  // a parameter, never pasted into the statement
  const columns = structValue(Object.fromEntries(keys.map((k) => [k, 'VARCHAR'])));
  const source = `read_json(${literal(file.path)}, format = ${literal(file.format)}, records = true, columns = $columns)`;
  try {
    // one engine thread, as the detecting conversion (see convertOnce)
    await duck.withThreads(1, () => copy(duck, source, out, { columns }));
  } catch {
    return null;
  }
  const { rows, textBytes } = await written(duck, out, keys);
  return { header: keys, rows, textBytes };
}

/**
 * The detecting way, one statement, where the key path does not apply: the reader detects the columns once
 * (its sample of 20,480 records is most of its time) and the Parquet file written carries them as its
 * column names, on one engine thread (a second one only costs CPU here; and the engine's NDJSON scan on
 * more threads refuses a byte-order mark that its one-thread scan skips, so an NDJSON export saved with one
 * is read whatever the engine's threads). The header is DESCRIBE's where a key was renamed beside the
 * record number's column. Null when the engine fails: {@link convertDescribed} then decides, with the error
 * or result the file always had.
 */
async function convertOnce(duck: Duck, source: string, out: string): Promise<Converted | null> {
  try {
    await duck.withThreads(1, () => copy(duck, source, out));
  } catch {
    return null;
  }
  const { keys, rows, textBytes } = await written(duck, out);
  const renamed = keys.some((name) => name.toLowerCase().startsWith(ROW));
  return { header: renamed ? await described(duck, source) : keys, rows, textBytes };
}

/** The columns as DESCRIBE finds them, then the rows (on the engine's threads). */
async function convertDescribed(duck: Duck, source: string, out: string): Promise<Converted> {
  const header = await described(duck, source);
  if (header.length === 0 || (header.length === 1 && header[0] === 'json'))
    return { header, rows: 0, textBytes: 0 };
  await copy(duck, source, out);
  const { rows, textBytes } = await written(duck, out, header);
  return { header, rows, textBytes };
}

/** The records of `source` written to `out` ({@link rowsOf}); `params` are the reader's, if it takes any. */
const copy = (duck: Duck, source: string, out: string, params?: SqlParams) =>
  duck.run(`COPY (${rowsOf(source)}) TO ${literal(out)} (${STAGED_PARQUET_WRITE})`, params);

/** The reader's columns as DESCRIBE finds them: names and types. */
const describe = (duck: Duck, source: string) =>
  duck.rows<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${source}`);

const described = async (duck: Duck, source: string) =>
  (await describe(duck, source)).map((d) => d.column_name);

/**
 * The converted file's keys (`known`, else its columns' names after the record number and the text bytes,
 * as the engine spelled them), its rows and their text bytes: the bytes of each row as a comma-separated
 * line (record number, cells, separators; no quote marks), the size of the CSV the file stands for (a text
 * in a column of mixed kinds counted with its two quote marks: a size for choosing a plan, not a length to
 * read by).
 */
async function written(duck: Duck, out: string, known?: string[]) {
  // the path is a scratch file of ours: a literal. Two statements: one with both as subqueries costs more
  const keys =
    known ??
    (
      await duck.rows<{ name: string }>(
        `SELECT name FROM parquet_schema(${literal(out)}) WHERE num_children IS NULL`,
      )
    )
      .slice(2)
      .map((c) => c.name);
  // the text bytes are the file's second column, named by position (an alias could collide with a key)
  const [totals] = await duck.rows<{ cells: string | null; rows: string }>(
    `SELECT sum(#2) AS cells, count(*) AS rows FROM read_parquet(${literal(out)})`,
  );
  const rows = Number(totals!.rows);
  return { keys, rows, textBytes: Number(totals!.cells ?? 0) + rows * (keys.length + 1) + digitsUpTo(rows) };
}

/** The digits of the numbers 1…n written out. */
function digitsUpTo(n: number): number {
  let total = 0;
  for (let width = 1, from = 1; from <= n; width++, from *= 10)
    total += width * (Math.min(n, from * 10 - 1) - from + 1);
  return total;
}

const firstLine = (e: unknown) =>
  String((e as Error).message)
    .split('\n')[0]!
    .replace(/ in file "[^"]*"/g, '')
    .slice(0, 300);
