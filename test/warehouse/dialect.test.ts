import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Duck } from '#core/duckdb.ts';
import { installTrinoDialect } from '#warehouse/dialect.ts';
import { DIALECT_CASES, selectItems, trinoText } from './dialect-table.ts';

let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open({ threads: 1 });
  await installTrinoDialect(duck);
});
afterAll(() => duck.close());

describe('Trino-named functions give the answers Trino documents', () => {
  test.each(DIALECT_CASES)('$sql → $trino', async (c) => {
    const [row] = await duck.rows<{ v: unknown; v_type: string }>(`select ${selectItems(c, 'v')}`);
    expect(trinoText(row!.v, row!.v_type), c.why).toBe(c.trino);
  });
});

describe('what Athena refuses stops locally too, with a message naming the function', () => {
  test.each([
    ["date_add('hour', 1, date '2026-01-01')", /date_add: satuan 'hour' tidak berlaku untuk DATE/],
    [
      "date_diff('days', date '2026-01-01', date '2026-01-02')",
      /date_diff: satuan 'days' tidak dikenal Athena/,
    ],
    ["date_trunc('minute', date '2026-01-01')", /date_trunc: satuan 'minute' tidak berlaku untuk DATE/],
    [
      "format_datetime(timestamp '2026-01-01', 'yyyy-ww')",
      /format_datetime: pola yyyy-ww memuat kode Joda-Time/,
    ],
    ["date_format(timestamp '2026-01-01', '%D')", /date_format: pola %D memuat kode MySQL/],
    ['(select approx_percentile(x, 1.5) from (values (1)) as t (x))', /persentil harus antara 0 dan 1/],
    ['sequence(1, 10001)', /sequence: hasil lebih dari 10.000 elemen/],
    ['sequence(1, 5, 0)', /sequence: step tidak boleh 0/],
    ['sequence(5, 1, 1)', /sequence: step menjauh dari stop/],
    ['sequence(1, 100001, 10)', /sequence: hasil lebih dari 10.000 elemen/],
  ])('%s', async (sql, message) => {
    await expect(duck.rows(`select ${sql}`)).rejects.toThrow(message);
  });
});
