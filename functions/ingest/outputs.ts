import { ident, literal } from '#core/contract/sql.ts';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset, LINEAGE_COLUMNS } from '#core/datasets/definition.ts';
import type { Duck } from '#core/duckdb.ts';
import { type HeaderMapping, officerLabel } from './headers.ts';
import { clip } from './key.ts';
import { PARQUET_WRITE } from './limits.ts';
import { checkMessage, MAX_SAMPLES, type RowFinding, type SubmissionReport } from './report.ts';
import type { Staged } from './stage.ts';

/** Longest cell value quoted in a report (the quarantine file keeps it whole). */
const MAX_VALUE_CHARS = 200;
const DUPLICATE = { rule: 'duplikat', detail: '' } as const;
/**
 * The accepted rows of `staged`, the complement of its rejected ones ({@link Staged.rejected}): valid, and
 * not repeating an earlier row's id. A kind of rejection the file has none of is not filtered (a clean
 * file's rows are copied as they are).
 */
function acceptedRows(staged: Pick<Staged, 'rowsInvalid' | 'duplicates'>): string {
  const filters = [
    ...(staged.rowsInvalid > 0 ? ['__valid'] : []),
    ...(staged.duplicates > 0 ? ['__row NOT IN (SELECT __row FROM staged_duplicates)'] : []),
  ];
  return `FROM staged${filters.length > 0 ? ` WHERE ${filters.join(' AND ')}` : ''}`;
}

/** The values of a curated file's lineage columns for one submission (ours, never the upload's). */
export interface LineageValues {
  region: string;
  period: string;
  submissionId: string;
}

/**
 * A text that is the same in every row, as a one-value ENUM: the Parquet writer writes an ENUM as the
 * dictionary it already is, where a VARCHAR's every value is hashed into one (~50 ns a cell: three such
 * columns were a fifth of the curated write's CPU). The file's column is text all the same (`BYTE_ARRAY`,
 * UTF-8), with the same values; an ENUM column's statistics are those of its values, exact for one value.
 */
const constantText = (value: string) => `CAST(${literal(value)} AS ENUM(${literal(value)}))`;

/**
 * The curated file's columns, in order, as SQL over staged rows: the stored columns, the lineage values as
 * literals, `row` (SQL) as the officer's row number and `key` (SQL) as the key.
 */
export function curatedColumns(
  ds: Dataset<Record<string, Column>>,
  values: LineageValues & { row: string; key: string },
): string {
  const lineage: Record<(typeof LINEAGE_COLUMNS)[number]['name'], string> = {
    region_code: constantText(values.region),
    period: constantText(values.period),
    submission_id: constantText(values.submissionId),
    source_row: `CAST(${values.row} AS INTEGER)`,
  };
  const expr = (name: string) =>
    (lineage as Record<string, string>)[name] ?? (name === ds.key ? values.key : ident(name));
  return ds.stored.map((c) => `${expr(c.name)} AS ${ident(c.name)}`).join(', ');
}

/**
 * Write the accepted rows, typed, with lineage columns, as the curated Parquet file; `metadata` is the
 * file's key-value metadata clause (which submissions it holds: see replace-units.ts).
 */
export async function writeCurated(
  duck: Duck,
  ds: Dataset<Record<string, Column>>,
  lineage: LineageValues,
  out: string,
  metadata: string,
  /** What `staged` rejected: a kind of rejection the file has none of needs no filter (see {@link acceptedRows}). */
  staged: Pick<Staged, 'rowsInvalid' | 'duplicates'>,
): Promise<void> {
  const columns = curatedColumns(ds, { ...lineage, row: '__row', key: ident(ds.key) });
  await duck.run(`COPY (SELECT ${columns} ${acceptedRows(staged)}) TO $out (${PARQUET_WRITE}, ${metadata})`, {
    out,
  });
}

/** Per-rule counts and the first findings, in row order, with the officer's header names. */
export async function findings(
  duck: Duck,
  ds: Dataset<Record<string, Column>>,
  staged: Staged,
  mapping: HeaderMapping,
  header: string[],
): Promise<Pick<SubmissionReport, 'rules' | 'samples'>> {
  const headerOf = (col: string | null) =>
    col && mapping.columns.has(col) ? (header[mapping.columns.get(col)!] ?? null) : null;
  const label = officerLabel(ds, mapping, header);
  const byId = new Map(staged.checks.map((k) => [k.id, k]));
  const counted = await duck.rows<{ id: number; n: string }>(
    `SELECT id, count(*) AS n FROM (SELECT unnest(s.__errors) AS id ${staged.rejected} WHERE NOT s.__valid) GROUP BY id ORDER BY id`,
  );
  const rules: SubmissionReport['rules'] = counted.map(({ id, n }) => {
    const k = byId.get(id)!;
    return { rule: k.rule, column: k.column, count: Number(n), message: checkMessage(k, label(k.column)) };
  });
  if (staged.duplicates > 0)
    rules.push({
      rule: 'duplikat',
      column: ds.key,
      count: staged.duplicates,
      message: checkMessage(DUPLICATE, label(ds.key)),
    });
  const kept = Object.keys(ds.columns).filter((c) => ds.columns[c]!.kind !== 'pii');
  const rows = await duck.rows<
    Record<string, unknown> & { __row: number; __errors: number[] | null; first_row: number | null }
  >(
    `SELECT s.__row, s.__errors, s.first_row, ${kept.map((c) => `${staged.rawText(c)} AS ${ident(c)}`).join(', ')}
     ${staged.rejected} ORDER BY s.__row LIMIT ${MAX_SAMPLES}`,
  );
  const samples: RowFinding[] = [];
  for (const row of rows) {
    const found = (row.__errors ?? []).map((id) => byId.get(Number(id))!);
    if (row.first_row !== null) found.push({ ...DUPLICATE, id: 0, column: ds.key, failed: '' });
    for (const k of found) {
      const raw = k.column ? ((row[k.column] as string | null) ?? null) : null;
      const value = raw === null ? null : clip(raw, MAX_VALUE_CHARS);
      const message =
        k.rule === 'duplikat'
          ? `${checkMessage(k, label(k.column))} Baris pertama: ${row.first_row}.`
          : k.rule === 'jawaban_tidak_dikenal'
            ? `Jawaban "${value}" tidak dikenali untuk ${label(k.column)}. ${k.detail}`
            : checkMessage(k, label(k.column));
      samples.push({
        row: Number(row.__row),
        column: k.column,
        header: headerOf(k.column),
        value,
        rule: k.rule,
        message,
      });
    }
  }
  return { rules, samples: samples.slice(0, MAX_SAMPLES) };
}
