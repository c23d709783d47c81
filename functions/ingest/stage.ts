import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { type Duck, ident } from '#core/duckdb.ts';
import { periodEnd, periodStart } from '#core/period.ts';
import { type Check, compileValidation } from './compile.ts';
import type { HeaderMapping } from './headers.ts';
import type { Target } from './key.ts';
import type { TabularSource } from './read/source.ts';

/** Spare source columns beyond the header: rows with data there are invalid, never silently cut. */
const SPARE_COLUMNS = 8;

/** The outcome of validating every row of one export in the engine. */
export interface Staged {
  path: string;
  checks: Check[];
  rowsRead: number;
  /** Rows failing a rule (duplicates not included). */
  rowsInvalid: number;
  /** Valid rows whose id repeats an earlier row's: (row, first row). */
  duplicates: number;
}

/** Source columns: the optional explicit row number, then c0…c(n+spare). */
function sourceRelation(src: TabularSource): { sql: string; names: string[] } {
  const width = src.header.length + SPARE_COLUMNS;
  const names = Array.from({ length: width }, (_, i) => `c${i}`);
  const all = src.rows.explicit ? ['row_no', ...names] : names;
  const columns = `{${all.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
  const read = `read_csv($path, delim = $delim, quote = '"', escape = '"', header = false, skip = $skip, auto_detect = false,
    columns = ${columns}, null_padding = true, strict_mode = false, max_line_size = 16777216)`;
  const row = src.rows.explicit
    ? 'CAST(row_no AS BIGINT)'
    : `row_number() OVER () + ${src.rows.firstDataRow - 1}`;
  return { sql: `SELECT ${row} AS __row, ${names.join(', ')} FROM ${read}`, names };
}

/**
 * Normalise and validate every row in one vectorised pass, writing the staged rows (typed values, validity,
 * error check ids, raw text of invalid rows) to `path`; then count duplicates of the dataset key.
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
      submission_id: params.submissionId,
      period_start: periodStart(target.period),
      period_end: periodEnd(target.period),
    },
  );
  const [counts] = await duck.rows<{ rows: string; invalid: string }>(
    'SELECT count(*) AS rows, count(*) FILTER (WHERE NOT __valid) AS invalid FROM read_parquet($p)',
    { p: params.path },
  );
  const key = ident(ds.key);
  await duck.run(
    `CREATE OR REPLACE TEMP TABLE staged_duplicates AS
     SELECT __row, ${key} AS key_value, first_row FROM (
       SELECT __row, ${key}, min(__row) OVER (PARTITION BY ${key}) AS first_row
       FROM read_parquet($p) WHERE __valid AND ${key} IN (
         SELECT ${key} FROM read_parquet($p) WHERE __valid GROUP BY ${key} HAVING count(*) > 1))
     WHERE __row <> first_row`,
    { p: params.path },
  );
  const [dups] = await duck.rows<{ n: string }>('SELECT count(*) AS n FROM staged_duplicates');
  return {
    path: params.path,
    checks: compiled.checks,
    rowsRead: Number(counts!.rows),
    rowsInvalid: Number(counts!.invalid),
    duplicates: Number(dups!.n),
  };
}
