import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SQL_DIR } from '#warehouse/models.ts';
import { athenaSyntaxProblem } from '#warehouse/query-guard.ts';

describe('DuckDB-only syntax is named, with what to write for Athena', () => {
  test.each([
    ['select * exclude (a) from t', 'SELECT * EXCLUDE (…)'],
    ['select * replace (upper(a) as a) from t', 'SELECT * REPLACE (…)'],
    ['select a from t qualify row_number() over (order by a) = 1', 'QUALIFY'],
    ['from t select a', 'kueri yang diawali FROM'],
    ['from t', 'kueri yang diawali FROM'],
    ['select a::int from t', 'cast singkat x::tipe'],
    ["select a from t where a ilike 'x%'", 'ILIKE'],
    ['select a, count(*) from t group by all', 'GROUP BY ALL'],
    ['select a from t order by all', 'ORDER BY ALL'],
    ['select distinct on (a) a, b from t', 'SELECT DISTINCT ON (…)'],
    ['select a from t limit 10 offset 5', 'LIMIT n OFFSET m'],
    ['select 7 // 2', 'pembagian bulat //'],
    ['select 2 ** 3', 'pangkat **'],
    ['pivot t on a using sum(b)', 'PIVOT / UNPIVOT'],
    ['select a from t using sample 10%', 'USING SAMPLE'],
    ["select columns('u.*') from t", 'COLUMNS(…)'],
    ["select {'a': 1}", 'literal struct {…}'],
    ['select [1, 2]', 'literal daftar […]'],
    ["select * from read_parquet('x.parquet')", 'fungsi berkas DuckDB read_…()'],
    ["copy t to 'x.csv'", 'perintah khusus DuckDB'],
    ["select date '2026-01-01' + interval '1 day'", "INTERVAL '1 day'"],
  ])('%s → %s', (sql, construct) => {
    const problem = athenaSyntaxProblem(sql);
    expect(problem).toContain(`tidak diterima Athena: ${construct} (baris 1). Padanan Athena: `);
    expect(problem).toContain('--dialect duckdb');
  });

  test('other grammar errors say where', () => {
    expect(athenaSyntaxProblem('select a frm t')).toMatch(
      /tata bahasa Athena \(Trino\) di dekat "t" \(baris 1, kolom 14\)/,
    );
    expect(athenaSyntaxProblem('select a\nfrom')).toMatch(/tata bahasa Athena \(Trino\) di akhir kueri/);
  });
});

describe('Trino SQL passes untouched', () => {
  test.each([
    'select 1',
    'with x as (select 1 as a) select a from x order by 1',
    'select a, row_number() over (partition by b order by c) as rn from t offset 5 limit 10',
    'select x[1], array[1, 2][1], (select 1) from t cross join unnest(array[1, 2]) as u (x)',
    'select "all" from t order by "all"',
    'select a, count(*) from t group by all a, b',
    "select date_diff('day', a, b), try_cast(c as integer), approx_percentile(d, 0.5) from t where e = 'qualify :: //'",
    'select qualify from t -- qualify\n',
    "select date '2026-01-01' + interval '1' day, interval '2' month",
  ])('%s', (sql) => {
    expect(athenaSyntaxProblem(sql)).toBeUndefined();
  });

  test('so do the models under sql/', async () => {
    const files = (await readdir(SQL_DIR, { recursive: true })).filter((f) => f.endsWith('.sql'));
    expect(files.length).toBeGreaterThanOrEqual(17);
    for (const f of files)
      expect(athenaSyntaxProblem(await readFile(join(SQL_DIR, f), 'utf8')), f).toBeUndefined();
  });
});
