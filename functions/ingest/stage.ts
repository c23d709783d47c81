import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { type Duck, ident, listValue, literal } from '#core/duckdb.ts';
import { periodEnd, periodStart } from '#core/period.ts';
import {
  type Check,
  type CompiledValidation,
  type CompileOptions,
  codeFromNameColumn,
  compileValidation,
  SALT_VARIABLE,
} from './compile.ts';
import type { HeaderMapping } from './headers.ts';
import type { Target } from './key.ts';
import { PARQUET_WRITE, STAGED_PARQUET_WRITE } from './limits.ts';
import { curatedColumns, type LineageValues } from './outputs.ts';
import { timed } from './profile.ts';
import type { RowShift, TabularSource } from './read/source.ts';
import type { SubmissionReport } from './report.ts';
import {
  numberableInScan,
  recordRow,
  sourceRelation,
  sourceTable,
  TABLE_SOURCE_MAX_BYTES,
} from './stage-source.ts';
import { registryCode, type UnitRegistry, unitCodesOf } from './unit-codes.ts';

/**
 * Smallest source for the fast-path plan: the fast paths save about 1 µs of CPU per row and cost about 4 ms
 * more planning, so below ~1 MB (~10 k rows) the lean plan is faster.
 */
const FAST_PATH_MIN_BYTES = 1024 * 1024;

/** The outcome of validating every row of one export in the engine. */
export interface Staged {
  checks: Check[];
  /** The raw text of a column in a rejected row, as SQL over `staged s`. */
  rawText: (column: string) => string;
  rowsRead: number;
  /** Rows failing a rule (duplicates not included). */
  rowsInvalid: number;
  /** Valid rows whose id repeats an earlier row's. */
  duplicates: number;
  /** Whether some row may have its unit code derived from the unit's name (false: the file's statistics say none has). */
  unitsFromName: boolean;
  /**
   * The rejected rows (invalid, or repeating an earlier row's id) as SQL `FROM …` naming them `s`, each with
   * `first_row`, the earlier row a duplicate repeats (NULL for an invalid row); in any order.
   */
  rejected: string;
}

/** What a validating scan of one export needs besides the engine and the export. */
interface ScanParams {
  salt: string;
  /**
   * Force the fast-path plan on or off, and the copy of the source into a table first or not (default,
   * both by the source's size).
   */
  fastPaths?: boolean;
  viaTable?: boolean;
  /** See {@link CompileOptions.fullParsers}. @default true */
  fullParsers?: boolean;
}

/**
 * How a source is read: a small one is copied into a table first ({@link sourceTable}), a large one where it
 * is; and whether `__src_row` holds the officer's row number (a conversion's; a large CSV is numbered in
 * the scan when the engine runs one thread anyway, as the numbering window keeps a scan on one, and its
 * blank lines are few enough ({@link numberableInScan}); otherwise by its row in the staged file).
 */
function readingOf(duck: Duck, src: TabularSource, params: ScanParams) {
  // a local scratch file, asked twice for a file that is staged after its one pass is not taken: a
  // synchronous stat takes microseconds, a trip through the thread pool ~0.1 ms. A conversion's Parquet
  // file goes by the size of its rows as text, as the CSV it replaces did
  const size = src.format === 'parquet' ? src.textBytes : statSync(src.path).size;
  const viaTable = params.viaTable ?? size <= TABLE_SOURCE_MAX_BYTES;
  const numbered = src.rows.explicit || (!viaTable && duck.threadsNow === 1 && numberableInScan(src));
  return { size, viaTable, numbered };
}
type Reading = ReturnType<typeof readingOf>;

/** The validating scan of one export, ready to run: `WITH src AS (…), …` and its checks. */
interface Scan {
  /** The statement's text up to its output (see {@link CompiledValidation.staged}). */
  sql: string;
  /** The same for the valid rows' columns only (see {@link CompiledValidation.valid}). */
  validSql: string;
  checks: Check[];
  rawColumns: string[];
}

/** What is validated: an export, the dataset it is for, how its header maps, and its target. */
export interface Export {
  ds: Dataset<Record<string, Column>>;
  src: TabularSource;
  mapping: HeaderMapping;
  target: Target;
}

/** The validation of `ex` compiled over a relation whose columns are `names` (see {@link sourceRelation}). */
function compileFor(
  ex: Export,
  names: string[],
  options: Omit<CompileOptions, 'period'>,
): CompiledValidation {
  const sources = new Map([...ex.mapping.columns].map(([col, i]) => [col, names[i]!]));
  const extra = names.slice(ex.src.header.length);
  const period = { start: periodStart(ex.target.period), end: periodEnd(ex.target.period) };
  return compileValidation(ex.ds, sources, extra, { ...options, period });
}

/**
 * Set the salt of hashed personal data in the session when `statement` reads it, and return the text that
 * keys the statement to that salt: files of the same shape (dataset, header, delimiter, period…) share the
 * statement's text, planned once, and the salt is read when the statement is bound, so its fingerprint is
 * part of the text.
 */
async function useSalt(duck: Duck, statement: string, salt: string): Promise<string> {
  if (!statement.includes(SALT_VARIABLE)) return '';
  if (saltSet.get(duck) !== salt) {
    await duck.run(`SET VARIABLE ${SALT_VARIABLE} = $salt`, { salt });
    saltSet.set(duck, salt);
  }
  return `/* salt ${createHash('sha256').update(salt).digest('hex').slice(0, 16)} */ `;
}

/**
 * The validating scan of `src` read as `reading` says: its relation, the compiled normalisation and checks,
 * and the salt of hashed personal data set in the session.
 */
async function prepareScan(duck: Duck, ex: Export, params: ScanParams, reading: Reading): Promise<Scan> {
  const direct = sourceRelation(ex.src, reading.numbered);
  const relation = reading.viaTable ? await timed('stage-load', () => sourceTable(duck, [direct])) : direct;
  const compiled = compileFor(ex, relation.names, {
    fastPaths: params.fastPaths ?? reading.size >= FAST_PATH_MIN_BYTES,
    fullParsers: params.fullParsers,
  });
  const salt = await useSalt(duck, compiled.staged, params.salt);
  return {
    sql: `${salt}WITH src AS (${relation.sql}), ${compiled.staged}`,
    validSql: `${salt}WITH src AS (${relation.sql}), ${compiled.valid}`,
    checks: compiled.checks,
    rawColumns: compiled.rawColumns,
  };
}

/**
 * How an export goes into a batch ({@link stageBatch}): its source's size, and the text of the statement
 * that validates it, the same for every export of its shape (dataset, header, period…); or null, for an
 * export validated alone.
 */
export interface BatchShape {
  text: string | null;
  bytes: number;
}

/**
 * The shape of `ex`. An export is validated alone when it is not small (a large one is read where it is, in
 * its own scan) or when its load cannot number its rows ({@link numberableInScan}).
 */
export function batchShape(duck: Duck, ex: Export): BatchShape {
  const reading = readingOf(duck, ex.src, { salt: '' });
  const batched = reading.viaTable && numberableInScan(ex.src);
  return { text: batched ? batchCompile(ex).staged : null, bytes: reading.size };
}

/** A batch is validated with the lean plan, every value through the full parsers: the same results. */
const batchCompile = (ex: Export) =>
  compileFor(ex, sourceRelation(ex.src, true).names, { batched: true, fastPaths: false });

/**
 * An export's staged rows written by {@link stageBatch}: the batch's staged table and the export's number in
 * it (`__file`), what the batch found of its rows, and its checks and raw columns.
 */
export interface Prestaged extends Pick<Scan, 'checks' | 'rawColumns'> {
  table: string;
  file: number;
  rows: number;
  anyInvalid: boolean;
  unitsFromName: boolean;
  /** Valid rows repeating an earlier row's key, when the export has the key column. */
  repeats?: number;
}

/**
 * Validate many small exports of one shape ({@link batchShape}) in one statement, on one thread: their rows
 * are copied into one table, each numbered as its file's, and the staged rows, each marked with its
 * export's number, kept in order in the temp table `table` (named for the shape: the statement's text is
 * the same for every batch of it; the caller drops it once the batch's exports are completed). One scan of
 * it then counts what each export's copy would have told (rows, validity, units named only) and its
 * repeated keys. A small export's validating copy is nearly all fixed cost (setting up the statement's
 * expressions for each run): a batch pays it once. The staged rows stay in the engine, not in a file: each
 * export's reads of them (its count of invalid rows, its curated write) then cost ~6 ms less than reading
 * them from a Parquet file. Returns what {@link stage} takes for each export in place of its own copy;
 * undefined for one without rows ({@link stage} then does the work).
 */
export async function stageBatch(
  duck: Duck,
  exports: Export[],
  params: { salt: string; table: string },
): Promise<(Prestaged | undefined)[]> {
  const first = exports[0]!;
  const relations = exports.map((ex) => sourceRelation(ex.src, true));
  const compiled = batchCompile(first);
  const { table } = params;
  const key = first.mapping.columns.has(first.ds.key) ? ident(first.ds.key) : undefined;
  const fromName = codeFromNameColumn(first.ds) !== undefined;
  const found = await duck.withThreads(1, async () => {
    const relation = await timed('batch-load', () => sourceTable(duck, relations));
    const salt = await useSalt(duck, compiled.staged, params.salt);
    // planned for each batch (once per batch, not per export): a kept plan of a CREATE TABLE … AS made a
    // table without columns when run again
    await timed('batch-copy', () =>
      duck.run(
        `CREATE OR REPLACE TEMP TABLE ${ident(table)} AS ${salt}WITH src AS (${relation.sql}), ${compiled.staged}`,
      ),
    );
    // repeated keys as findDuplicates counts them: a NULL key never repeats, a derived one is unique
    return timed('batch-counts', () =>
      duck.rows<{ file: number; n: string; clean: boolean; from_name: boolean; repeats: string | null }>(
        `SELECT __file AS file, count(*) AS n, bool_and(__valid) AS clean,
           ${fromName ? 'bool_or(__unit_from_name)' : 'false'} AS from_name,
           ${key ? `count(${key}) FILTER (WHERE __valid) - count(DISTINCT ${key}) FILTER (WHERE __valid)` : 'NULL'} AS repeats
         FROM ${ident(table)} GROUP BY __file`,
      ),
    );
  });
  const byFile = new Map(found.map((f) => [f.file, f]));
  return exports.map((_, file) => {
    const f = byFile.get(file);
    if (!f) return undefined;
    return {
      table,
      file,
      rows: Number(f.n),
      anyInvalid: !f.clean,
      unitsFromName: f.from_name,
      repeats: f.repeats === null ? undefined : Number(f.repeats),
      checks: compiled.checks,
      rawColumns: compiled.rawColumns,
    };
  });
}

/**
 * Normalise and validate every row in one parallel, vectorised pass, writing the staged rows (typed values,
 * validity, failed check ids, raw text of invalid rows) to the Parquet file `path` in file order. Then expose
 * them as the temp view `staged` with `__row`, the officer's row number (the Parquet file row number counted
 * from the first data row, or the scan's own), and the derived key where the export has none; and find
 * repeated keys when the export has the key column. A clean file costs this one scan and no read-back: its
 * row count and validity come from the statistics of the file written.
 */
export async function stage(
  duck: Duck,
  ds: Dataset<Record<string, Column>>,
  src: TabularSource,
  mapping: HeaderMapping,
  target: Target,
  params: ScanParams & { submissionId: string; path: string; rejectedPath: string; prestaged?: Prestaged },
): Promise<Staged> {
  const found = params.prestaged ?? (await validate(duck, { ds, src, mapping, target }, params));
  const key = ident(ds.key);
  await duck.run(
    `CREATE OR REPLACE TEMP VIEW staged AS ${await stagedRows(duck, ds, found, params.submissionId)}`,
  );
  // a batch counted the repeated keys already: most often none
  const duplicates =
    mapping.columns.has(ds.key) && found.repeats !== 0
      ? await timed('stage-duplicates', () => findDuplicates(duck, key))
      : await noDuplicates(duck);
  const inStaged = rejectedInStaged(duplicates);
  const kept =
    'path' in found && (found.anyInvalid || duplicates > 0)
      ? await timed('stage-rejected', () => keepRejected(duck, inStaged, params.rejectedPath))
      : undefined;
  const rejected = kept?.from ?? inStaged;
  // without duplicates, every row copied is invalid
  let rowsInvalid = 0;
  if (found.anyInvalid)
    rowsInvalid = kept && duplicates === 0 ? kept.rows : await countInvalid(duck, rejected);
  return {
    checks: found.checks,
    rawText: (column) =>
      `COALESCE(s.__raw[${found.rawColumns.indexOf(column) + 1}], CAST(s.${ident(column)} AS VARCHAR))`,
    rowsRead: found.rows,
    rowsInvalid,
    duplicates,
    unitsFromName: found.unitsFromName,
    rejected,
  };
}

/**
 * The rejected rows as they are found in `staged`: its invalid rows, and the rows `staged_duplicates` names.
 * Without duplicates the filter names the staged rows alone: the engine then filters in their scan instead
 * of joining and deriving the keys of every row first (a third less CPU on 2 M rows).
 */
const rejectedInStaged = (duplicates: number) =>
  duplicates > 0
    ? `FROM (SELECT s.*, d.first_row FROM staged s LEFT JOIN staged_duplicates d USING (__row)
        WHERE NOT s.__valid OR d.__row IS NOT NULL) s`
    : 'FROM (SELECT *, CAST(NULL AS BIGINT) AS first_row FROM staged WHERE NOT __valid) s';

/**
 * Copy the rejected rows of a staged file (`rejected`, see {@link rejectedInStaged}) to the scratch file
 * `path`, once: the counts, the report's samples and the rejected-row file then read those rows alone. Each
 * read of them from the staged file decoded every column of every row it needed (a 2 M-row export with 4,000
 * invalid rows: 16–125 ms a read, four reads). Returns where they are now, and how many there are.
 */
async function keepRejected(duck: Duck, rejected: string, path: string) {
  const [written] = await duck.rows<CopyStats>(
    `COPY (SELECT * ${rejected}) TO ${literal(path)} (${STAGED_PARQUET_WRITE}, RETURN_STATS true)`,
  );
  return { from: `FROM read_parquet(${literal(path)}) s`, rows: Number(written?.count ?? 0) };
}

/** One export's staged rows, as {@link stage} finds them in its own staged file or in a batch's table. */
type Found = Pick<Prestaged, 'checks' | 'rawColumns' | 'rows' | 'anyInvalid' | 'unitsFromName' | 'repeats'> &
  ({ table: string; file: number } | { path: string; row: string; joinedShifts?: RowShift[] });

/**
 * The query of `staged`: the export's rows with `__row`, the officer's row number, and the derived key where
 * the export has none. A view cannot take parameters: the path is a scratch file's and the id is hex, both
 * ours.
 */
async function stagedRows(
  duck: Duck,
  ds: Dataset<Record<string, Column>>,
  found: Found,
  submissionId: string,
) {
  const key = ident(ds.key);
  // a batch's rows in the officer's order, whatever order the engine reads them in: without the sort, 2 of
  // the demo tree's 4,297 batched exports once had their first rows come last in their curated file
  if ('file' in found)
    return `SELECT * EXCLUDE (__file) REPLACE (${derivedKey(ds, '__src_row', submissionId)} AS ${key}), __src_row AS __row
      FROM ${ident(found.table)} WHERE __file = ${found.file} ORDER BY __src_row`;
  const rows = `read_parquet(${literal(found.path)}, file_row_number = true)`;
  const select = (excluded: string) =>
    `SELECT * EXCLUDE (${excluded}) REPLACE (${derivedKey(ds, found.row, submissionId)} AS ${key}), ${found.row} AS __row`;
  if (!found.joinedShifts) return `${select('file_row_number')} FROM ${rows}`;
  // the join does not keep the rows' order: sorted back into the officer's
  await duck.run(
    'CREATE OR REPLACE TEMP TABLE blank_line_runs AS SELECT unnest($from::BIGINT[]) AS "from", unnest($add::BIGINT[]) AS add',
    {
      from: listValue(found.joinedShifts.map((s) => s.from)),
      add: listValue(found.joinedShifts.map((s) => s.add)),
    },
  );
  return `${select('file_row_number, "from", add')} FROM ${rows} ASOF LEFT JOIN blank_line_runs b ON file_row_number >= b."from"
    ORDER BY file_row_number`;
}

/**
 * The validating copy of one export to the staged file `params.path`: what the file's statistics tell of its
 * rows, and the SQL of their numbers in it (a conversion's, the scan's own, or made from the row's place in
 * the file). A clean file is not read again to count: its row count and validity come from the statistics
 * of the file written.
 */
async function validate(duck: Duck, ex: Export, params: ScanParams & { path: string }): Promise<Found> {
  const reading = readingOf(duck, ex.src, params);
  const scan = await prepareScan(duck, ex, params, reading);
  const copy = () =>
    duck.preparedRows<CopyStats>(
      `COPY (${scan.sql}) TO ${literal(params.path)} (${STAGED_PARQUET_WRITE}, RETURN_STATS true)`,
    );
  // a conversion (workbook, JSON, recap) is validated on one thread: the order-kept copy buffers the
  // batches a second thread finishes early (a 200 k-row sheet: ~60 MB more at its peak), and the
  // conversion before it, not this copy, takes most of such a file's time
  const { rows } = ex.src;
  const [written] = await timed('stage-copy', () => (rows.explicit ? duck.withThreads(1, copy) : copy()));
  const count = Number(written?.count ?? 0);
  return {
    checks: scan.checks,
    rawColumns: scan.rawColumns,
    rows: count,
    anyInvalid: count > 0 && !isTrue(statistic(written, '__valid', 'min')),
    unitsFromName: !isFalse(statistic(written, '__unit_from_name', 'max')),
    path: params.path,
    ...rowNumbers(ex.src, reading.numbered),
  };
}

/**
 * The SQL of the officer's row numbers of a staged file's rows (a conversion's are always numbered): the
 * scan's own, or made from the row's place in the file: by {@link recordRow}, or, past as many runs of
 * blank lines as it takes, by joining a table of the runs.
 */
function rowNumbers(src: TabularSource, numbered: boolean): { row: string; joinedShifts?: RowShift[] } {
  const { rows } = src;
  if (rows.explicit || numbered) return { row: '__src_row' };
  if (numberableInScan(src)) return { row: recordRow('file_row_number', rows) };
  return { row: `file_row_number + ${rows.firstDataRow} + COALESCE(b.add, 0)`, joinedShifts: rows.shifts };
}

/** The key of a row numbered `row` (SQL): the export's own, or derived from the submission and the row. */
const derivedKey = (ds: Dataset<Record<string, Column>>, row: string, submissionId: string) =>
  ds.deriveKey
    ? `COALESCE(${ident(ds.key)}, ${literal(`${submissionId}-`)} || CAST(${row} AS VARCHAR))`
    : ident(ds.key);

/** Marks the error that stops {@link curateClean} at the first row that is not clean. */
const NOT_CLEAN = 'pantau: not clean';

/**
 * One pass for a large export that is clean: validate every row and write the accepted rows straight to the
 * curated file `path` (the columns of {@link curatedColumns}, with `metadata`), no staged file. Only where
 * the scan knows the row numbers and plans per file anyway (a large source read where it is, numbered).
 * The scan stops at the first row that is invalid (its cells read by the fast paths only: see
 * {@link CompileOptions.fullParsers}), and a file with repeated keys or no rows is not taken: then null,
 * and {@link stage} does the full work. Nearly every export is clean, so its accepted rows are written once
 * instead of staged and copied again. An export without the unit code column (a forms export naming its
 * units) takes each row's code from the region's registry (`registry`, loaded into the engine: see
 * {@link registryCode}), else from the name, and returns the units so named; an export with the column
 * stops at a row that takes its code from a name.
 */
export async function curateClean(
  duck: Duck,
  ds: Dataset<Record<string, Column>>,
  src: TabularSource,
  mapping: HeaderMapping,
  target: Target,
  params: ScanParams & {
    submissionId: string;
    path: string;
    lineage: LineageValues;
    metadata: string;
    registry: () => Promise<UnitRegistry>;
  },
): Promise<{ rows: number; unitCodes: SubmissionReport['unit_codes'] } | null> {
  const reading = readingOf(duck, src, params);
  if (reading.viaTable || !reading.numbered) return null;
  const fromName = codeFromNameColumn(ds);
  // without a column for the codes (a forms export naming its units), every row takes its code from a name
  const named = fromName !== undefined && !mapping.columns.has(fromName);
  const registry = named ? await params.registry() : undefined;
  // a cell that only the full parsers read makes its row invalid here, so its file is staged with them
  const scan = await prepareScan(
    duck,
    { ds, src, mapping, target },
    { ...params, fullParsers: false },
    reading,
  );
  const unclean = `NOT __valid${fromName && !named ? ' OR __unit_from_name' : ''}`;
  const columns = curatedColumns(ds, {
    ...params.lineage,
    key: derivedKey(ds, '__src_row', params.submissionId),
    row: '__src_row',
  });
  // a named unit's code looked up in the registry, in the rows' order
  const accepted = named
    ? `(SELECT * REPLACE (${registryCode(ident(fromName))} AS ${ident(fromName)}) FROM staged_rows)`
    : 'staged_rows';
  let written: CopyStats | undefined;
  try {
    [written] = await duck.withThreads(1, () =>
      duck.rows<CopyStats>(
        `COPY (WITH staged_rows AS (${scan.validSql})
           SELECT ${columns} FROM ${accepted} WHERE CASE WHEN ${unclean} THEN error(${literal(NOT_CLEAN)}) ELSE true END)
         TO ${literal(params.path)} (${PARQUET_WRITE}, ${params.metadata}, RETURN_STATS true)`,
      ),
    );
  } catch (e) {
    if (String((e as Error).message).includes(NOT_CLEAN)) return null;
    throw e;
  }
  const count = Number(written?.count ?? 0);
  if (count === 0) return null;
  if (mapping.columns.has(ds.key)) {
    const key = ident(ds.key);
    const [repeats] = await duck.rows<{ n: string }>(
      `SELECT count(${key}) - count(DISTINCT ${key}) AS n FROM read_parquet(${literal(params.path)})`,
    );
    if (Number(repeats!.n) !== 0) return null;
  }
  return { rows: count, unitCodes: registry ? await unitCodesOf(duck, params.path, registry) : [] };
}

/** The salt each engine's session variable holds (set again only when it changes). */
const saltSet = new WeakMap<Duck, string>();
/** Engines whose `staged_duplicates` is the empty table (made once, kept until a search fills it). */
const noneFound = new WeakSet<Duck>();

/** What `COPY … (RETURN_STATS true)` answers for the one file written. */
interface CopyStats {
  count: string;
  column_statistics: { key: string; value: { key: string; value: string }[] }[] | null;
}

function statistic(stats: CopyStats | undefined, column: string, name: string): string | undefined {
  const entry = stats?.column_statistics?.find((c) => c.key === ident(column));
  return entry?.value.find((v) => v.key === name)?.value;
}

/** A boolean column's statistic: written as `1`/`0` (some versions: `true`/`false`); unknown is neither. */
const isTrue = (v: string | undefined) => v === '1' || v === 'true';
const isFalse = (v: string | undefined) => v === '0' || v === 'false';

async function countInvalid(duck: Duck, rejected: string): Promise<number> {
  const [r] = await duck.rows<{ n: string }>(`SELECT count(*) AS n ${rejected} WHERE NOT s.__valid`);
  return Number(r!.n);
}

/** Without the key column there are no duplicates: `staged_duplicates` is empty (no pass over the rows). */
async function noDuplicates(duck: Duck): Promise<number> {
  if (noneFound.has(duck)) return 0;
  await duck.run(
    'CREATE OR REPLACE TEMP TABLE staged_duplicates AS SELECT CAST(NULL AS BIGINT) AS __row, CAST(NULL AS BIGINT) AS first_row WHERE false',
  );
  noneFound.add(duck);
  return 0;
}

/**
 * Valid rows whose key repeats an earlier valid row's, with that first row, as `staged_duplicates`; returns
 * how many. Only run when the export has the key column (derived keys never repeat).
 */
async function findDuplicates(duck: Duck, key: string): Promise<number> {
  // nearly every export repeats no id: one scan that counts the repeats is cheaper than the search (on a
  // 2 k-row staged file ~0.7 ms of CPU against ~3.2 ms); a NULL key never repeats (it is no valid row's)
  const [repeats] = await duck.rows<{ n: string }>(
    `SELECT count(${key}) - count(DISTINCT ${key}) AS n FROM staged WHERE __valid`,
  );
  if (Number(repeats!.n) === 0) return noDuplicates(duck);
  noneFound.delete(duck);
  // the engine answers a CREATE TABLE … AS with the count of rows it holds: no second statement to count
  const [made] = await duck.rows<{ Count: string }>(`CREATE OR REPLACE TEMP TABLE staged_duplicates AS
    SELECT __row, first_row FROM (
      SELECT __row, min(__row) OVER (PARTITION BY ${key}) AS first_row
      FROM staged WHERE __valid AND ${key} IN (SELECT ${key} FROM staged WHERE __valid GROUP BY ${key} HAVING count(*) > 1))
    WHERE __row <> first_row`);
  return Number(made!.Count);
}
