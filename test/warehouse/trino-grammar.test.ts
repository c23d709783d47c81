import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrinoSQL } from 'dt-sql-parser';
import { describe, expect, test } from 'vitest';
import { SQL_DIR } from '#warehouse/models.ts';

const files = (await readdir(SQL_DIR, { recursive: true })).filter((f) => f.endsWith('.sql')).sort();
const parser = new TrinoSQL();

describe('every file under sql/ is valid Trino (Athena) SQL as written', () => {
  test('there are models to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(17);
  });

  test.each(files)('%s', async (file) => {
    const sql = await readFile(join(SQL_DIR, file), 'utf8');
    expect(parser.validate(sql)).toEqual([]);
  });

  test('the grammar check rejects DuckDB-only syntax', () => {
    expect(parser.validate('select * exclude (a) from t order by all')).not.toEqual([]);
  });
});
