import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { withRelations } from '#aws/athena-sql.ts';
import { csvField, csvLine, csvLines } from '#core/contract/csv.ts';
import {
  isUploadKey,
  lake,
  lakeGlob,
  PARTITION_TEMPLATE,
  parsePartition,
  parseUploadKey,
  parseWarehouseKey,
} from '#core/contract/lake.ts';
import { DATASET_TABLE, REPORTED_DATASETS, STATUS_LABEL, SUBMISSION_STATUSES } from '#core/contract/names.ts';
import { ident, literal, literalList, referencedNames, sqlCode } from '#core/contract/sql.ts';
import { COLUMN_TYPES, type DuckType, duckType, glueType } from '#core/contract/types.ts';
import { DATASETS } from '#core/datasets/index.ts';
import { parsePeriod } from '#core/period.ts';
import type { Model } from '#warehouse/engine.ts';
import { orderModels } from '#warehouse/models.ts';

const Q3 = parsePeriod('2026-Q3')!;

describe('lake keys: built and parsed in one place', () => {
  it('builds every key and parses the partitioned ones back', () => {
    expect(lake.uploadKey('31.71', 'skm', Q3, 'a.csv')).toBe('uploads/31.71/skm/2026-Q3/a.csv');
    expect(parseUploadKey(lake.uploadKey('31.71', 'skm', Q3, 'a.csv'))).toEqual({
      region: '31.71',
      dataset: 'skm',
      period: '2026-Q3',
      file: 'a.csv',
    });
    const curated = lake.curatedKey('skm', Q3, '31.71');
    expect(curated).toBe('curated/skm/year=2026/quarter=3/31.71.parquet');
    expect(parsePartition(curated)).toEqual(Q3);
    const mart = lake.warehouseKey('service_index_region', Q3);
    expect(parseWarehouseKey(mart)).toEqual({ model: 'service_index_region', period: Q3 });
    expect(parseWarehouseKey(lake.curatedKey('skm', Q3, '11'))).toBeUndefined();
    expect(lake.invalidLedgerKey('x')).toBe('ledger/invalid/x.json');
    expect(lake.invalidReportKey('x')).toBe('reports/invalid/x.json');
    expect(lake.invalidReportKey('x', '31.71')).toBe('reports/31.71/invalid/x.json');
    expect(lake.publishedRankingPrefix(Q3, 'abc')).toBe(`${lake.publishedRankingDir(Q3, 'abc')}/`);
    expect(lake.piiSaltKey).toBe('config/pii-salt');
    expect(PARTITION_TEMPLATE).toBe(`year=$${'{year}'}/quarter=$${'{quarter}'}/`);
    expect(lakeGlob.curated('skm')).toBe('curated/skm/*/*/*.parquet');
  });

  it('refuses what is not a partition or an upload key', () => {
    expect(parsePartition('curated/skm/year=2026/quarter=5/x.parquet')).toBeUndefined();
    expect(parsePartition('curated/skm/2026-Q3/x.parquet')).toBeUndefined();
    expect(parseUploadKey('uploads/31.71/skm/a.csv')).toBeUndefined();
    expect(isUploadKey('reports/31.71/x.json')).toBe(false);
  });
});

describe('names', () => {
  it('the dataset definitions use the contract table names; roster and statuses are labelled', () => {
    for (const [id, table] of Object.entries(DATASET_TABLE))
      expect(DATASETS[id as keyof typeof DATASETS].table).toBe(table);
    expect(REPORTED_DATASETS).not.toContain('units');
    for (const s of SUBMISSION_STATUSES) expect(STATUS_LABEL[s]).toMatch(/^[A-Z]/);
  });
});

describe('SQL quoting and references', () => {
  it('quotes literals and identifiers', () => {
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(ident('a"b')).toBe('"a""b"');
    expect(literalList(['a', "b'"])).toBe("'a', 'b'''");
  });

  it('a comment or a string that mentions a table is not a reference', () => {
    const sql = `-- joins regions later\n/* calendar too */ select 'units' as s, x.skm from ikm_region as x`;
    expect(sqlCode(sql)).not.toContain('regions');
    expect([...referencedNames(sql, ['regions', 'calendar', 'units', 'skm', 'ikm_region'])]).toEqual([
      'ikm_region',
    ]);
  });

  it('both engines agree: the model order (DuckDB) and the WITH clause (Athena) ignore comments', () => {
    const model = (name: string, sql: string): Model => ({
      name,
      layer: 'marts',
      sql,
      materialized: 'partition',
      dependsOn: [],
    });
    const ordered = orderModels([
      model('b', 'select * from a -- not regions'),
      model('a', 'select 1 as one'),
    ]);
    expect(ordered.map((m) => [m.name, m.dependsOn])).toEqual([
      ['a', []],
      ['b', ['a']],
    ]);
    const defs = new Map([
      ['regions', 'select 1 as region'],
      ['a', 'select * from regions'],
      ['b', 'select 2 as two -- unlike a, no regions here'],
    ]);
    expect(withRelations('select * from b -- regions', defs)).not.toContain('"regions" AS');
    expect(withRelations('select * from a', defs)).toContain('"regions" AS');
  });
});

describe('CSV', () => {
  it('quotes the delimiter, quotes and line breaks only', () => {
    expect(csvLine(['a', 'b,c', 'd"e', 'f\ng', 'h\ri', null, 1, ''])).toBe(
      'a,"b,c","d""e","f\ng","h\ri",,1,\n',
    );
    expect(csvLines([['a;b', 'c,d']], { delimiter: ';', eol: '\r\n' })).toBe('"a;b";c,d\r\n');
    expect(csvField('x"y')).toBe('"x""y"');
  });

  it('writes what csv-stringify writes, byte for byte, for every delimiter and line ending', () => {
    const parts = ['a', ',', ';', '\t', '|', '.', '"', '\r', '\n', ' ', '', 'é', '=1', "'", '\\'];
    const cells: unknown[] = [null, undefined, 0, -1.5, true, false, { a: 1 }, '', 'plain'];
    for (let i = 0; i < 400; i++)
      cells.push(
        Array.from({ length: 1 + (i % 5) }, (_, k) => parts[(i * 7 + k * 13) % parts.length]).join(''),
      );
    const rows = Array.from({ length: 60 }, (_, r) => cells.slice(r, r + 1 + (r % 9)));
    rows.push([]);
    for (const delimiter of [',', ';', '\t', '|', '.'])
      for (const eol of ['\n', '\r\n'] as const) {
        const reference = stringify(
          rows.map((row) =>
            row.map((v) =>
              v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
            ),
          ),
          { delimiter, record_delimiter: eol, quoted_match: /[\r\n]/ },
        );
        expect(csvLines(rows, { delimiter, eol })).toBe(reference);
      }
  });
});

describe('column types', () => {
  it('maps each DuckDB type to Glue and back', () => {
    for (const t of Object.keys(COLUMN_TYPES) as DuckType[]) expect(duckType(glueType(t))).toBe(t);
    expect(glueType('INTEGER')).toBe('int');
    expect(duckType('varchar')).toBeUndefined();
  });
});
