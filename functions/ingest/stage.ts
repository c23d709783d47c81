import { listValue } from '@duckdb/node-api';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { type Duck, ident, literal } from '#core/duckdb.ts';
import { periodEnd, periodStart } from '#core/period.ts';
import { type Check, compileValidation } from './compile.ts';
import type { HeaderMapping } from './headers.ts';
import type { Target } from './key.ts';
import type { TabularSource } from './read/source.ts';

/** Spare source columns beyond the header: rows with data there are invalid, never silently cut. */
const SPARE_COLUMNS = 8;

/** The outcome of validating every row of one export in the engine. */
export interface Staged {
  checks: Check[];
  /** The raw text of a column in a rejected row, as SQL over `staged s`. */
  rawText: (column: string) => string;
  rowsRead: number;
  /** Rows failing a rule (duplicates not included). */
  rowsInvalid: number;
  /** Valid rows whose id repeats an earlier row's (kept in `staged_duplicates` with the first row). */
  duplicates: number;
}

/** Source columns: the conversion's row number (or NULL), then c0…c(n+spare), all text. */
function sourceRelation(src: TabularSource): { sql: string; names: string[] } {
  const width = src.header.length + SPARE_COLUMNS;
  const names = Array.from({ length: width }, (_, i) => `c${i}`);
  const all = src.rows.explicit ? ['row_no', ...names] : names;
  const columns = `{${all.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}}`;
  const read = `read_csv($path, delim = $delim, quote = '"', escape = '"', header = false, skip = $skip, auto_detect = false,
    columns = ${columns}, null_padding = true, strict_mode = false, max_line_size = 16777216${src.quotedNewlines ? ', parallel = false' : ''})`;
  const row = src.rows.explicit ? 'CAST(row_no AS BIGINT)' : 'CAST(NULL AS BIGINT)';
  return { sql: `SELECT ${row} AS __src_row, ${names.join(', ')} FROM ${read}`, names };
}

/**
 * Normalise and validate every row in one parallel, vectorised pass, writing the staged rows (typed values,
 * validity, failed check ids, raw text of invalid rows) to the Parquet file `path` in file order. Then expose
 * them as the temp view `staged` with `__row`, the officer's row number (the Parquet file row number counted
 * from the first data row, or the conversion's own), and the derived key where the export has none; and
 * find repeated keys (`staged_duplicates`).
 */
export async function stage(
  duck: Duck,
  ds: Dataset<Record<string, Column>>,
  src: TabularSource,
  mapping: HeaderMapping,
  target: Target,
  params: { submissionId: string; salt: string; path: string },
): Promise<Staged> {
  const relation = sourceRelation(src);
  const sources = new Map([...mapping.columns].map(([col, i]) => [col, relation.names[i]!]));
  const extra = relation.names.slice(src.header.length);
  const compiled = compileValidation(ds, sources, extra);
  await duck.run(
    `COPY (WITH src AS (${relation.sql}), ${compiled.staged}) TO $out (FORMAT parquet, COMPRESSION zstd)`,
    {
      path: src.path,
      delim: src.delimiter,
      skip: src.skipLines,
      out: params.path,
      salt: params.salt,
      period_start: periodStart(target.period),
      period_end: periodEnd(target.period),
    },
  );
  // a view cannot take parameters: the path is the scratch file's and the id is hex, both ours
  const shifts = src.rows.explicit ? [] : (src.rows.shifts ?? []);
  const row = src.rows.explicit
    ? '__src_row'
    : `file_row_number + ${src.rows.firstDataRow}${shifts.length > 0 ? ' + COALESCE(b.add, 0)' : ''}`;
  const from = shifts.length > 0 ? await blankLineShifts(duck, shifts) : '';
  const key = ident(ds.key);
  const derived = ds.deriveKey
    ? `COALESCE(${key}, ${literal(`${params.submissionId}-`)} || CAST(${row} AS VARCHAR))`
    : key;
  await duck.run(
    `CREATE OR REPLACE TEMP VIEW staged AS SELECT * EXCLUDE (file_row_number${from ? ', "from", add' : ''}) REPLACE (${derived} AS ${key}), ${row} AS __row
     FROM read_parquet(${literal(params.path)}, file_row_number = true)${from}`,
  );
  await findDuplicates(duck, key, mapping.columns.has(ds.key));
  const [counts] = await duck.rows<{ rows: string; invalid: string; duplicates: string }>(
    `SELECT count(*) AS rows, count(*) FILTER (WHERE NOT __valid) AS invalid,
       (SELECT count(*) FROM staged_duplicates) AS duplicates FROM staged`,
  );
  return {
    checks: compiled.checks,
    rawText: (column) =>
      `COALESCE(s.__raw[${compiled.rawColumns.indexOf(column) + 1}], CAST(s.${ident(column)} AS VARCHAR))`,
    rowsRead: Number(counts!.rows),
    rowsInvalid: Number(counts!.invalid),
    duplicates: Number(counts!.duplicates),
  };
}

/** The blank-line corrections of row numbers as a table, and the join that applies them (CSV only). */
async function blankLineShifts(duck: Duck, shifts: { from: number; add: number }[]): Promise<string> {
  await duck.run(
    'CREATE OR REPLACE TEMP TABLE blank_line_shifts AS SELECT unnest($from::BIGINT[]) AS "from", unnest($add::BIGINT[]) AS add',
    { from: listValue(shifts.map((s) => s.from)), add: listValue(shifts.map((s) => s.add)) },
  );
  return ' ASOF LEFT JOIN blank_line_shifts b ON file_row_number >= b."from"';
}

/** Valid rows whose key repeats an earlier valid row's, with that first row. Derived keys never repeat. */
async function findDuplicates(duck: Duck, key: string, keyInFile: boolean): Promise<void> {
  const found = keyInFile
    ? `SELECT __row, first_row FROM (
         SELECT __row, min(__row) OVER (PARTITION BY ${key}) AS first_row
         FROM staged WHERE __valid AND ${key} IN (SELECT ${key} FROM staged WHERE __valid GROUP BY ${key} HAVING count(*) > 1))
       WHERE __row <> first_row`
    : 'SELECT CAST(NULL AS BIGINT) AS __row, CAST(NULL AS BIGINT) AS first_row WHERE false';
  await duck.run(`CREATE OR REPLACE TEMP TABLE staged_duplicates AS ${found}`);
}
