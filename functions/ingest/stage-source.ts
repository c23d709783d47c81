import { type Duck, ident, literal } from '#core/duckdb.ts';
import type { ParquetSource, RowShift, TabularSource } from './read/source.ts';

/**
 * Largest source copied into a table before validation ({@link sourceTable}); larger ones are read where
 * they are, in the validating scan itself (their planning is a small share of their time).
 */
export const TABLE_SOURCE_MAX_BYTES = 1024 * 1024;

/** Spare source columns beyond the header: rows with data there are invalid, never silently cut. */
const SPARE_COLUMNS = 8;

/**
 * The CSV reader's longest record and buffer. Its default buffer grows with the file up to 16 × the longest
 * record allowed (256 MiB): memory then grew with the file and a 4 M-row export failed under the engine's
 * memory limit. 32 MiB holds two records of the longest kind and keeps ingest memory flat. When every
 * record is known to fit in 1 MiB (a CSV without multi-line cells, whose lines inspect caps; a conversion),
 * a 2 MiB buffer does: the validating scan then takes 60–80 MB less on a 200 k-row sheet.
 */
const READER = {
  small: { maxLine: 1024 * 1024, buffer: 2 * 1024 * 1024 },
  large: { maxLine: 16 * 1024 * 1024, buffer: 32 * 1024 * 1024 },
};

/**
 * Whether an upload of `bytes` is read on one engine thread: up to one reader buffer, a second thread has
 * nothing of its own to read (a 2 MB CSV ingests in the same time on one thread or two; a 4 MB one ~0.1 s
 * faster on two).
 */
export const oneThreadFor = (bytes: number): boolean => bytes <= READER.small.buffer;

/** A query over the source rows: the conversion's row number (or NULL), then c0…c(n+spare), all text. */
export interface SourceRelation {
  sql: string;
  names: string[];
}

/**
 * The source file as a {@link SourceRelation}: a CSV read by the engine's CSV reader, a conversion's Parquet
 * file by its Parquet reader. `numbered`: a CSV's records are numbered in the scan (`__src_row`, the
 * officer's row number), by a window that keeps the scan on one thread (a conversion's numbers are in its
 * file; otherwise `__src_row` is NULL).
 */
export function sourceRelation(src: TabularSource, numbered = false): SourceRelation {
  const width = src.header.length + SPARE_COLUMNS;
  const names = Array.from({ length: width }, (_, i) => `c${i}`);
  if (src.format === 'parquet') return { sql: parquetRows(src, names), names };
  const all = src.rows.explicit ? ['row_no', ...names] : names;
  const columns = `{${all.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}}`;
  const reader =
    src.longestRecord !== undefined && src.longestRecord < READER.small.maxLine ? READER.small : READER.large;
  // path (a scratch file of ours), delimiter (one of four) and skip count are literals: no parameters
  const read = `read_csv(${literal(src.path)}, delim = ${literal(src.delimiter)}, quote = '"', escape = '"', header = false, skip = ${Number(src.skipLines)}, auto_detect = false,
    columns = ${columns}, null_padding = true, strict_mode = false, max_line_size = ${reader.maxLine}, buffer_size = ${reader.buffer}${src.quotedNewlines ? ', parallel = false' : ''})`;
  const cells = names.join(', ');
  if (src.rows.explicit)
    return { sql: `SELECT CAST(row_no AS BIGINT) AS __src_row, ${cells} FROM ${read}`, names };
  if (!numbered) return { sql: `SELECT CAST(NULL AS BIGINT) AS __src_row, ${cells} FROM ${read}`, names };
  const records = `SELECT row_number() OVER () - 1 AS __record, ${cells} FROM ${read}`;
  return { sql: `SELECT ${recordRow('__record', src.rows)} AS __src_row, ${cells} FROM (${records})`, names };
}

/**
 * Most runs of blank lines whose row numbers {@link recordRow} makes. Its expression grows with the runs:
 * on one engine thread a 200 k-row CSV took 2.0 s to ingest with 1,024 runs, 2.6 s with 4,096 and 4.4 s
 * with 16,384, where joining a table of the runs to the staged rows took 2.5–2.7 s whatever their number
 * (on two threads, a blank line after every row: 200,000 runs, 4.0–4.8 s with the join, 80 s and 4.5 GB
 * with the expression).
 */
const MAX_EXPRESSION_RUNS = 2048;

/**
 * Whether the rows of `src` can be numbered in a scan: a conversion's are in its file, a CSV's by
 * {@link recordRow} unless it has more runs of blank lines than that takes.
 */
export const numberableInScan = (src: TabularSource): boolean =>
  src.rows.explicit || (src.rows.shifts ?? []).length <= MAX_EXPRESSION_RUNS;

/**
 * The officer's row number of a CSV's data record `index` (SQL: 0-based, in file order): `firstDataRow +
 * index`, plus the blank lines above it, which the engine's reader skips (csv-lines.ts). Each run of blank
 * lines is a comparison in a balanced tree of `CASE`s, so a record costs about log2(runs) of them. For at
 * most {@link MAX_EXPRESSION_RUNS} runs ({@link numberableInScan}).
 */
export function recordRow(index: string, rows: { firstDataRow: number; shifts?: RowShift[] }): string {
  const shifts = rows.shifts ?? [];
  // the blank lines above record `index`: those of the last run in shifts[lo, hi) starting at or before it,
  // or `above`, those of the runs before `lo`
  const blanks = (lo: number, hi: number, above: number): string => {
    if (lo >= hi) return String(above);
    const mid = (lo + hi) >> 1;
    const run = shifts[mid]!;
    return `CASE WHEN ${index} >= ${run.from} THEN ${blanks(mid + 1, hi, run.add)} ELSE ${blanks(lo, mid, above)} END`;
  };
  const base = `${index} + ${rows.firstDataRow}`;
  return shifts.length === 0 ? base : `${base} + ${blanks(0, shifts.length, 0)}`;
}

/**
 * A conversion's Parquet rows: its columns renamed by position (see {@link ParquetSource}; the file's names
 * are the export's keys), and the spare columns empty, as they are for a CSV row without extra cells.
 */
function parquetRows(src: ParquetSource, names: string[]): string {
  const cells = names.slice(0, src.header.length);
  const spare = names.slice(src.header.length).map((c) => `CAST(NULL AS VARCHAR) AS ${c}`);
  // the path is a scratch file of ours: a literal
  return `SELECT row_no AS __src_row, ${[...cells, ...spare].join(', ')}
    FROM read_parquet(${literal(src.path)}) AS t(row_no, row_bytes${cells.map((c) => `, ${c}`).join('')})`;
}

/** Source tables each engine has made, by width. */
const made = new WeakMap<Duck, Set<number>>();

/**
 * Copy small sources of one width into a table of the engine's main catalog (one per width, emptied and
 * refilled per use), each source's rows marked with its place in `relations` (`__file`), and return the
 * relation over it. The engine binds and plans a statement that reads a file again on every run, and one
 * that reads a temp table whenever a temp view changes (every file); over this table the validating
 * statement, prepared once per shape, runs without planning (about 20 ms less per small file).
 */
export async function sourceTable(duck: Duck, relations: SourceRelation[]): Promise<SourceRelation> {
  const names = relations[0]!.names;
  const width = names.length;
  const table = ident(`pantau_source_${width}`);
  const widths = made.get(duck) ?? new Set<number>();
  made.set(duck, widths);
  if (!widths.has(width)) {
    const columns = names.map((n) => `${ident(n)} VARCHAR`).join(', ');
    await duck.changeCatalog(
      `CREATE OR REPLACE TABLE ${table} (__file INTEGER, __src_row BIGINT, ${columns})`,
    );
    widths.add(width);
  }
  await duck.run(`DELETE FROM ${table}`);
  await duck.run(
    `INSERT INTO ${table} ${relations.map((r, i) => `SELECT ${i}, * FROM (${r.sql})`).join(' UNION ALL ')}`,
  );
  return { sql: `SELECT * FROM ${table}`, names };
}
