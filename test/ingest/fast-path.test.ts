import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField } from '#core/contract/csv.ts';
import { type Column, FLAG_VALUES, wordKey } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { DATASET_IDS, type DatasetId, dataset } from '#core/datasets/index.ts';
import { parsePeriod } from '#core/period.ts';
import { mapHeader } from '#ingest/headers.ts';
import type { Target } from '#ingest/key.ts';
import { inspectFile } from '#ingest/read/inspect.ts';
import { openSource } from '#ingest/read/open.ts';
import { stage } from '#ingest/stage.ts';
import { ingestEngineForTests } from '../support/lake.ts';

const NBSP = '\u00a0';
/** Every padding a cell may carry: none, spaces, no-break spaces, a tab, mixed. */
const PADS = ['', ' ', NBSP, '\t', ` ${NBSP} `, '\u2003'];
/** Accepted and rejected spellings of each typed kind (DESIGN.md "intake"), before padding. */
const FORMS: Record<'integer' | 'date' | 'timestamp' | 'text', string[]> = {
  integer: [
    ...['1', '2', '3', '4', '18', '45', '120', '+3', '-3', '03', '3.0', '3,0', '3.5', '3,5', '4,'],
    ...['1.500', '12.500', '1.500,5', '1,500', '1e1', '1E2', '1_000', '0x10', '0b11', 'abc', '٣'],
    ...['2147483648', '99999999999', '-0', '.5', ',5', '5.', 'inf', 'nan', '', '-'],
  ],
  date: [
    ...['2026-08-12', '12/08/2026', '1/8/2026', '01/08/2026', '12-08-2026', '12.08.2026', '2026/08/12'],
    ...['12 Agustus 2026', '12 agustus 2026', '12 Agt. 2026', '3 Mei 2026', '5 Des 2026', '46246', '46246.5'],
    ...[
      '2026-08-12 09:15',
      '2026-08-12T09:15:00',
      '2026-8-12',
      '32/13/2026',
      '2026-02-30',
      'inf',
      'Senin',
      '',
    ],
    ...['1-8-2026', '12-08-26', '01-10-2026', '31-02-2026', '12-08-2026 09:15', '1-12-2026'],
    ...['31 Februari 2026', '29 Februari 2024', '0 Maret 2026', '1 Oktober 2026 24:00', '1 Foo 2026'],
    ...['Kamis, 1 Oktober 2026', 'kamis 1 oktober 2026', 'Sen 3/8/2026', 'Rabu,1 Juli 2026'],
    ...['Jumat, 31 Februari 2026', 'Senin, 3 Agt. 2026', 'Sabtu, 1 Foo 2026', 'Kamisan, 1 Oktober 2026'],
  ],
  timestamp: [
    ...['2026-08-12 09:15:00', '2026-08-12 09:15', '2026-08-12T09:15', '2026-08-12', '12/08/2026 09:15'],
    ...['12/08/2026 09:15:30', '12/08/2026 09.15', '12/08/2026', '1/8/2026 7:05', '12-08-2026 09:15'],
    ...['12 Agustus 2026 09:15', '12 agustus 2026, 09.15', '46246.375', '2026-08-12 25:00', 'x', ''],
    ...['12-08-2026 09:15:30', '12-08-2026', '12-08-2026 9:15', '12-08-26 09:15', '1-8-2026 07:05'],
    ...['12-08-2026 09.15', '12-08-2026 25:00', '12-08-2026T09:15', '01-10-2026 08:35:45'],
    ...['31 Februari 2026 10:00', '1 Oktober 2026 23:59:60', '1 Oktober 2026 9:60', '7 Okt 2026 07.05'],
    ...['Kamis, 1 Oktober 2026 09:15', 'Jumat 2 Oktober 2026, 09.15', 'Sen 3/8/2026 07:05', 'Senin, 1'],
    ...['2026/10/01 8:17:01 AM GMT+7', '2026/10/01 8:17:01 pm GMT+07:00', '12/08/2026 12:05 AM'],
    ...['2026/10/01', '2026/10/01 13:17:01 PM', '2026/10/01 8:17:01 AM UTC', '2026/10/01 8:17:01 GMT+7'],
  ],
  text: ['abc', 'Kantor Café', 'a  b', "O'Brien", '"kutip"', '=1+1', '', 'x'.repeat(300)],
};

/**
 * Answer words as forms exports spell them: each word key as it is, capitalised and in upper case, with
 * accents, doubled spaces and a letter prefix (scored through the word key), and words that are no answer.
 */
function answerWords(labels: Readonly<Record<string, number>>): string[] {
  const keys = Object.keys(labels);
  const capitalised = (k: string) =>
    k.replace(/(^| )([a-z])/g, (_, sp: string, ch: string) => sp + ch.toUpperCase());
  return [
    ...keys,
    ...keys.map(capitalised),
    ...keys.map((k) => k.toUpperCase()),
    ...keys.map((k) => k.replace(/a/g, 'á').replace(/ /g, '  ')),
    ...keys.map((k) => `d. ${capitalised(k)}`),
    ...['Sangat', 'tidak tahu', 'NaN', 'Inf'],
  ];
}

/** Every spelling a column accepts or must reject, for its kind. */
function forms(c: Column): string[] {
  switch (c.kind) {
    case 'integer':
      return c.labels ? [...FORMS.integer, ...answerWords(c.labels)] : FORMS.integer;
    case 'date':
    case 'timestamp':
    case 'text':
      return FORMS[c.kind];
    case 'enum': {
      const spellings = Object.values(c.values).flat();
      return [...spellings, ...spellings.map((s) => s.toUpperCase()), 'tidak dikenal', ''];
    }
    case 'flag':
      return [...FLAG_VALUES.true, ...FLAG_VALUES.false, 'YA', 'Tidak', 'mungkin', ''];
    case 'pii':
      return ['Budi', ' 0812 3456 7890 ', ''];
  }
}

/** A CSV with every form of every column, each padded every way, cycling so that every pair occurs. */
function exportText(ds: Dataset<Record<string, Column>>): { text: string; rows: number; grid: string[][] } {
  const columns = Object.entries(ds.columns);
  const cells = columns.map(([, c]) => forms(c).flatMap((v) => PADS.map((pad) => `${pad}${v}${pad}`)));
  const rows = Math.max(...cells.map((c) => c.length));
  const grid = Array.from({ length: rows }, (_, i) =>
    cells.map((col, k) => col[(i * (k + 1)) % col.length]!),
  );
  const lines = [
    columns.map(([name]) => name).join(','),
    ...grid.map((row) => row.map((v) => csvField(v)).join(',')),
  ];
  return { text: `${lines.join('\n')}\n`, rows, grid };
}

const engine = ingestEngineForTests();

describe('normaliser fast paths', () => {
  for (const ds of DATASET_IDS.map(dataset)) {
    it(`give exactly what the full normalisers give on every accepted and rejected form (${ds.id})`, async () => {
      const file = join(engine.dir, `${ds.id}.csv`);
      const { text, rows, grid } = exportText(ds);
      await writeFile(file, text);
      const src = await openSource(file, await inspectFile(file), ds, engine.duck, engine.dir);
      const mapping = mapHeader(ds, src.header);
      const target: Target = {
        dataset: ds.id as DatasetId,
        region: '31.71',
        period: parsePeriod('2026-Q3')!,
      };
      const run = async (fastPaths: boolean, viaTable = true) => {
        const path = join(engine.dir, `${ds.id}-${fastPaths}-${viaTable}.parquet`);
        const staged = await stage(engine.duck, ds, src, mapping, target, {
          submissionId: 'x',
          salt: 's',
          path,
          rejectedPath: `${path}.rejected`,
          fastPaths,
          viaTable,
        });
        return { path, staged };
      };
      // the file read where it is (as large files are) and copied into a table first (as small ones are)
      const direct = await run(true, false);
      const fast = await run(true);
      const full = await run(false);
      expect(fast.staged.rowsRead).toBe(rows);
      expect(fast.staged).toMatchObject({
        rowsRead: full.staged.rowsRead,
        rowsInvalid: full.staged.rowsInvalid,
        duplicates: full.staged.duplicates,
      });
      // the forms exercise both outcomes: some rows rejected, and every typed column read somewhere
      expect(fast.staged.rowsInvalid).toBeGreaterThan(0);
      const typed = Object.entries(ds.columns).filter(([, c]) => c.kind !== 'pii' && c.kind !== 'text');
      const [read] = await engine.duck.rows<Record<string, string>>(
        `SELECT ${typed.map(([name]) => `count("${name}") AS "${name}"`).join(', ')} FROM read_parquet('${fast.path}')`,
      );
      for (const [name] of typed) expect(Number(read![name]), name).toBeGreaterThan(0);
      // validity is tested apart from the checks' list (one test per integer column): every rejected row
      // names a failed check
      const [unexplained] = await engine.duck.rows<{ n: string }>(
        `SELECT count(*) AS n FROM read_parquet('${fast.path}') WHERE NOT __valid AND len(__errors) = 0`,
      );
      expect(unexplained).toEqual({ n: '0' });
      // every column of every row, in file order (typed values, validity, failed checks, raw text); the
      // source's row number is only there when the scan numbers the rows (a large file, one engine thread)
      const differing = (a: string, b: string) =>
        engine.duck.rows(
          `SELECT count(*) AS n FROM (
             (SELECT * EXCLUDE (__src_row) FROM read_parquet('${a}', file_row_number = true)
              EXCEPT ALL SELECT * EXCLUDE (__src_row) FROM read_parquet('${b}', file_row_number = true))
             UNION ALL
             (SELECT * EXCLUDE (__src_row) FROM read_parquet('${b}', file_row_number = true)
              EXCEPT ALL SELECT * EXCLUDE (__src_row) FROM read_parquet('${a}', file_row_number = true)))`,
        );
      expect(await differing(fast.path, full.path)).toEqual([{ n: '0' }]);
      // an answer word scores what its word key does (the key as the definition spells it)
      const columns = Object.entries(ds.columns);
      for (const [k, [name, c]] of columns.entries()) {
        if (c.kind !== 'integer' || !c.labels) continue;
        const scores = await engine.duck.rows<{ v: number | null }>(
          `SELECT "${name}" AS v FROM read_parquet('${fast.path}') ORDER BY file_row_number`,
        );
        const words = grid
          .map((row, i) => [row[k]!, scores[i]!.v] as const)
          .filter(([cell]) => /[a-z]{2}/i.test(cell));
        expect(words.length).toBeGreaterThan(0);
        for (const [cell, v] of words) expect(v, cell).toBe(c.labels[wordKey(cell)] ?? null);
      }
      expect(await differing(direct.path, fast.path)).toEqual([{ n: '0' }]);
      // the large file read on one thread numbers its rows in the scan: the officer's row (header on row 1)
      const [misnumbered] = await engine.duck.rows<{ n: string }>(
        `SELECT count(*) FILTER (__src_row IS DISTINCT FROM file_row_number + 2) AS n FROM read_parquet('${direct.path}', file_row_number = true)`,
      );
      expect(misnumbered).toEqual({ n: '0' });
    });
  }
});
