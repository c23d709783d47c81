import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DatasetId, dataset } from '#core/datasets/index.ts';
import { literal, structValue } from '#core/duckdb.ts';
import { parsePeriod } from '#core/period.ts';
import { mapHeader } from '#ingest/headers.ts';
import type { Target } from '#ingest/key.ts';
import { inspectFile } from '#ingest/read/inspect.ts';
import { openSource } from '#ingest/read/open.ts';
import type { CsvSource, TabularSource } from '#ingest/read/source.ts';
import { curateClean, stage } from '#ingest/stage.ts';
import { sourceRelation } from '#ingest/stage-source.ts';
import { COMPLAINT_HEADER, complaintRow, SKM_HEADER, skmRow } from '../fixtures/hostile/rows.ts';
import { ingestEngineForTests, ingestOne, queryLake } from '../support/lake.ts';

/**
 * A JSON export is converted to Parquet, where it was converted to CSV and read back: a CSV round trip
 * reads an empty text as missing, Parquet keeps it. The validation must not see the difference: every
 * staged row (values, validity, failed checks, raw text of rejected rows), the counts and the curated rows
 * are compared with those of the CSV the conversion wrote before, on every plan.
 */

const engine = ingestEngineForTests();

/** Odd cells of a text column: empty, padded or blank text, a dash, missing, a line break. */
const TEXT_ODD: unknown[] = ['', '   ', ' \t ', null, '-', 'a\nb', ' 2 ', '\u00a03', 'x'];
/** Odd cells of a number column (the reader types it a number column). */
const NUMBER_ODD: unknown[] = [null, 4.5, 0, 7, -1];
/** The last column: nested values, booleans, numbers and texts mixed (the reader types it JSON). */
const MIXED_ODD: unknown[] = [{ a: 1 }, [1, 'x'], '', null, [], {}, true, false, 3, ' '];

/**
 * Records of `header` (`numbers`: the columns written as JSON numbers), every `stride`-th cell replaced
 * by one of the odd cells of its column's kind in turn.
 */
function records(
  header: readonly string[],
  row: (i: number) => string[],
  numbers: readonly string[],
  n: number,
  stride: number,
) {
  let odd = 0;
  const cell = (i: number, k: number) => {
    const isNumber = numbers.includes(header[k]!);
    if ((i * header.length + k) % stride !== 0) return isNumber ? Number(row(i)[k]) : row(i)[k];
    const values = k === header.length - 1 ? MIXED_ODD : isNumber ? NUMBER_ODD : TEXT_ODD;
    return values[odd++ % values.length];
  };
  return Array.from({ length: n }, (_, i) => Object.fromEntries(header.map((h, k) => [h, cell(i, k)])));
}

/**
 * The CSV the conversion wrote before (the record number, then every column as text as the conversion
 * reads it, a header line), read on one thread: the conversion did not say so, and a text with a line
 * break could fail the whole ingest (the engine's parallel CSV reader refuses one beside `null_padding`).
 */
async function csvConversion(path: string, array: boolean, header: string[]): Promise<CsvSource> {
  const out = `${path}.csv`;
  const format = array ? 'array' : 'newline_delimited';
  // the keys as text columns, as the conversion reads an export whose keys are its columns
  const columns = structValue(Object.fromEntries(header.map((k) => [k, 'VARCHAR'])));
  await engine.duck.run(
    `COPY (SELECT row_number() OVER () AS __row, COLUMNS(*)
    FROM read_json(${literal(path)}, format = ${literal(format)}, records = true, columns = $columns))
    TO ${literal(out)} (FORMAT csv, HEADER true)`,
    { columns },
  );
  return {
    format: 'csv',
    path: out,
    delimiter: ',',
    skipLines: 1,
    header,
    rows: { explicit: true },
    quotedNewlines: true,
    description: '',
  };
}

const target = (id: DatasetId): Target => ({ dataset: id, region: '32.73', period: parsePeriod('2026-Q3')! });
const params = { submissionId: 'abc', salt: 'garam' };

/** Every staged row and count of `src` on one plan. */
async function staged(id: DatasetId, src: TabularSource, plan: { fastPaths: boolean; viaTable: boolean }) {
  const ds = dataset(id);
  const path = join(engine.dir, `staged-${src.format}.parquet`);
  const result = await stage(engine.duck, ds, src, mapHeader(ds, src.header), target(id), {
    ...params,
    ...plan,
    path,
    rejectedPath: `${path}.rejected`,
  });
  const { rawText: _, rejected: __, ...counts } = result;
  return {
    result: counts,
    rows: await engine.duck.rows('SELECT * FROM staged ORDER BY __row'),
    duplicates: await engine.duck.rows('SELECT * FROM staged_duplicates ORDER BY __row'),
  };
}

/** Write `body` as `name`, open it as ingest does (Parquet) and as the CSV conversion did. */
async function bothSources(name: string, body: string) {
  const path = join(engine.dir, name);
  await writeFile(path, body);
  const parquet = await openSource(path, await inspectFile(path), dataset('skm'), engine.duck, engine.dir);
  expect(parquet.format).toBe('parquet');
  return { parquet, csv: await csvConversion(path, name.endsWith('.json'), parquet.header) };
}

/** The source rows with an empty text in some cell, as the validating scan reads them. */
async function emptyCells(src: TabularSource): Promise<number> {
  const relation = sourceRelation(src);
  const [row] = await engine.duck.rows<{ n: string }>(
    `SELECT count(*) AS n FROM (${relation.sql}) WHERE ${relation.names.map((c) => `${c} = ''`).join(' OR ')}`,
  );
  return Number(row!.n);
}

const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');
const SKM_NUMBERS = [...SKM_HEADER.filter((h) => /^U\d$/.test(h)), 'Umur'];
const CASES = [
  ['skm', 'skm.json', JSON.stringify(records(SKM_HEADER, (i) => skmRow(i, 2), SKM_NUMBERS, 400, 11))],
  ['skm', 'skm.ndjson', ndjson(records(SKM_HEADER, (i) => skmRow(i, 3), SKM_NUMBERS, 400, 13))],
  [
    'complaints',
    'complaints.json',
    JSON.stringify(records(COMPLAINT_HEADER, (i) => complaintRow(i, 1), [], 300, 7)),
  ],
] as const;

describe('a JSON export read from Parquet validates as its CSV round trip did', () => {
  it.each(CASES)('%s %s: the same staged rows and counts on every plan', async (id, name, body) => {
    const { parquet, csv } = await bothSources(name, body);
    // the difference under test: Parquet keeps the empty texts the CSV round trip read as missing
    expect(await emptyCells(csv)).toBe(0);
    expect(await emptyCells(parquet)).toBeGreaterThan(0);
    for (const fastPaths of [true, false])
      for (const viaTable of [true, false]) {
        const fromCsv = await staged(id, csv, { fastPaths, viaTable });
        const fromParquet = await staged(id, parquet, { fastPaths, viaTable });
        expect(fromParquet).toEqual(fromCsv);
        // the export is not all clean, nor all rejected: both kinds of rows are compared
        expect(fromCsv.result.rowsInvalid).toBeGreaterThan(0);
        expect(fromCsv.result.rowsInvalid).toBeLessThan(fromCsv.result.rowsRead);
      }
  });

  it('curates a clean export with empty, padded and missing optional cells as the CSV did', async () => {
    const optional = new Set(['Jenis Kelamin', 'Umur', 'Pendidikan', 'Pekerjaan']);
    const blanks = ['', '  ', null, '-'];
    const rows = Array.from({ length: 300 }, (_, i) =>
      Object.fromEntries(
        SKM_HEADER.map((h, k) => [h, optional.has(h) && i % 3 ? blanks[i % 4] : skmRow(i, 4)[k]]),
      ),
    );
    const { parquet, csv } = await bothSources('clean.json', JSON.stringify(rows));
    const ds = dataset('skm');
    const curated = async (src: TabularSource) => {
      const path = join(engine.dir, `curated-${src.format}.parquet`);
      const lineage = { region: '32.73', period: '2026-Q3', submissionId: 'abc' };
      const written = await curateClean(engine.duck, ds, src, mapHeader(ds, src.header), target('skm'), {
        ...params,
        viaTable: false,
        path,
        lineage,
        metadata: "KV_METADATA {pantau: 'x'}",
        registry: async () => new Map<string, string>(),
      });
      return {
        written,
        rows: await engine.duck.rows(`SELECT * FROM read_parquet(${literal(path)}) ORDER BY source_row`),
      };
    };
    const fromCsv = await curated(csv);
    expect(fromCsv.written).toEqual({ rows: 300, unitCodes: [] });
    expect(await curated(parquet)).toEqual(fromCsv);
  });
});

describe('a JSON export with line breaks in its texts', () => {
  it('is read whole (its CSV conversion could fail the engine’s parallel CSV reader)', async () => {
    // the case that failed: complaints, a line break in the third record's texts
    const records = Array.from({ length: 60 }, (_, i) => {
      const record = Object.fromEntries(COMPLAINT_HEADER.map((h, k) => [h, complaintRow(i, 2)[k]]));
      return i % 9 === 2 ? { ...record, 'Isi Laporan': 'x\ny', Kategori: 'Jalan\nRusak' } : record;
    });
    const file = join(engine.dir, 'lapor-baris.json');
    await writeFile(file, JSON.stringify(records));
    const lake = join(engine.dir, 'lake-line-breaks');
    const report = await ingestOne(lake, file, { dataset: 'complaints', region: '32.73', period: '2026-Q3' });
    expect(report).toMatchObject({ status: 'accepted', rows_read: 60, rows_accepted: 60 });
    const [texts] = await queryLake<{ n: string }>(
      lake,
      "SELECT count(*) AS n FROM complaints WHERE category = 'Jalan' || chr(10) || 'Rusak'",
    );
    expect(Number(texts!.n)).toBe(7);
  });
});
