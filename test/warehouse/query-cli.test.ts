import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LocalStore } from '#core/local-store.ts';
import { DIALECT_CASES, selectItems, trinoText } from './dialect-table.ts';
import { tempLake, writeCurated } from './lake-fixture.ts';

const BIN = fileURLToPath(new URL('../../bin/pantau.js', import.meta.url));

/** `pantau ARGS…` as a child process, as an analyst runs it. */
function pantau(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, TZ: 'UTC' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

let withData: LocalStore;
let empty: LocalStore;
beforeAll(async () => {
  withData = await tempLake();
  empty = await tempLake();
  await writeCurated(withData, 'skm', '2026-Q3', '31.71', [{ response_id: 'a', unit_id: 'U1', u1: 4 }]);
});
afterAll(async () => {
  for (const s of [withData, empty]) await rm(s.root, { recursive: true, force: true });
});

describe('pantau query answers as Athena does', () => {
  test('every query of the dialect table gives Trino’s documented answer (one process)', async () => {
    const sql = `select ${DIALECT_CASES.map((c, i) => selectItems(c, `c${i}`)).join(',\n')}`;
    const run = await pantau('query', '--lake', empty.root, '--json', sql);
    expect(run.stderr).toBe('');
    const row = JSON.parse(run.stdout) as Record<string, unknown>;
    const got = Object.fromEntries(
      DIALECT_CASES.map((c, i) => [c.sql, trinoText(row[`c${i}`], String(row[`c${i}_type`]))]),
    );
    expect(got).toEqual(Object.fromEntries(DIALECT_CASES.map((c) => [c.sql, c.trino])));
  });

  test('the issue’s two expressions print 0, 0 (DuckDB’s own dialect says 1, 1)', async () => {
    const sql = `select date_diff('day', timestamp '2026-01-01 23:00', timestamp '2026-01-02 01:00') as d,
      date_diff('hour', timestamp '2026-01-01 23:59', timestamp '2026-01-02 00:01') as h`;
    const athena = await pantau('query', '--lake', empty.root, sql);
    expect(athena.stdout.split('\n').slice(0, 3)).toEqual(['d  h', '-  -', '0  0']);
    const duckdb = await pantau('query', '--lake', empty.root, '--dialect', 'duckdb', '--csv', sql);
    expect(duckdb.stdout.trim()).toBe('d,h\n1,1');
  });
});

describe('pantau query refuses what Athena would not run', () => {
  const duckOnly =
    'from skm_responses select * exclude (u1) qualify row_number() over (order by unit_id) = 1';

  test.each([
    ['select * exclude (u1) from skm_responses', 'SELECT * EXCLUDE (…)', 'SELECT a, b FROM t'],
    [
      'select unit_id from skm_responses qualify row_number() over (order by unit_id) = 1',
      'QUALIFY',
      'WHERE rn = 1',
    ],
    ['from skm_responses select unit_id', 'kueri yang diawali FROM', 'SELECT … FROM t'],
  ])('%s: exit 2, the construct and its Athena form in one line', async (sql, construct, athena) => {
    const run = await pantau('query', '--lake', withData.root, sql);
    expect(run.code).toBe(2);
    const [line] = run.stderr.split('\n');
    expect(line).toContain(`tidak diterima Athena: ${construct}`);
    expect(line).toContain(`Padanan Athena: `);
    expect(line).toContain(athena);
    expect(line).toContain('--dialect duckdb');
    expect(run.stdout).toBe('');
  });

  test('the same DuckDB syntax runs with --dialect duckdb', async () => {
    const run = await pantau('query', '--lake', withData.root, '--dialect', 'duckdb', '--json', duckOnly);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ unit_id: 'U1', response_id: 'a', region_code: '31.71' });
    expect(JSON.parse(run.stdout)).not.toHaveProperty('u1');
  });

  test('more than one statement is refused, not silently cut to the first', async () => {
    const run = await pantau('query', '--lake', withData.root, 'select 1; select 2');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/tepat satu pernyataan SQL; kueri ini berisi 2 pernyataan/);
    expect(run.stdout).toBe('');
  });

  test('a query of only comments is refused as empty', async () => {
    const run = await pantau('query', '--lake', withData.root, '--dialect', 'duckdb', ' /* nanti */ ');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/kueri kosong: berikan satu pernyataan SQL/);
  });

  test('an unknown dialect is a usage error', async () => {
    const run = await pantau('query', '--dialect', 'oracle', 'select 1');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/dialek tidak dikenal: "oracle" \(pilih athena atau duckdb\)/);
  });
});

describe('an SQL error keeps the engine’s message and says what the lake holds, in one line', () => {
  test('a misspelt table: the tables that exist are named', async () => {
    const run = await pantau('query', '--lake', withData.root, 'select * from skm_respons');
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/Table with name skm_respons does not exist!/);
    expect(run.stderr).toMatch(/Maksud Anda "skm_responses"\?/);
    expect(run.stderr).toMatch(/Tabel yang ada: skm_responses, fkp_forums, complaints, units, submissions/);
    expect(run.stderr).not.toMatch(/pg_/);
  });

  test('rows from an empty or wrong lake come with a note', async () => {
    const run = await pantau(
      'query',
      '--lake',
      empty.root,
      '--csv',
      'select count(*) as n from skm_responses',
    );
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('n\n0');
    expect(run.stderr.trim()).toBe(
      `Catatan: lake "${empty.root}" kosong atau salah (tidak ada berkas data di sana): periksa --lake atau PANTAU_LAKE, atau isi dulu dengan npx pantau demo`,
    );
  });

  test('an empty or wrong lake is called so', async () => {
    const run = await pantau('query', '--lake', empty.root, 'select * from service_index_region');
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`lake "${empty.root}" kosong atau salah`);
    expect(run.stderr).toContain('--lake atau PANTAU_LAKE');
  });
});
