import { afterAll, beforeAll, expect, test } from 'vitest';
import { Duck } from '#core/duckdb.ts';
import { installTrinoDialect, TRINO_MACROS } from '#warehouse/dialect.ts';

let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open({ threads: 1 });
  await installTrinoDialect(duck);
});
afterAll(() => duck.close());

test('Trino-named functions behave as Trino documents them', async () => {
  expect(TRINO_MACROS.map((m) => m.name)).toEqual([
    'date_diff',
    'date_add',
    'day_of_week',
    'from_iso8601_date',
    'to_iso8601',
  ]);
  const [r] = await duck.rows(`select
    day_of_week(date '2026-03-23') as monday, day_of_week(date '2026-03-22') as sunday,
    cast(from_iso8601_date('2026-03-17') as varchar) as d, to_iso8601(date '2026-03-17') as s,
    date_diff('day', date '2026-03-17', date '2026-05-16') as days,
    date_diff('minute', timestamp '2026-01-01 10:00:59', timestamp '2026-01-01 10:01:00') as same_minute,
    date_diff('day', timestamp '2026-01-01 23:00:00', timestamp '2026-01-02 01:00:00') as under_a_day,
    cast(date_add('day', 15, date '2026-03-31') as date) as deadline,
    date_add('minute', -10, timestamp '2026-01-01 10:00:00') as earlier,
    count_if(x) as n
    from (values (true), (false), (true)) as t (x)`);
  expect(r).toEqual({
    monday: '1',
    sunday: '7',
    d: '2026-03-17',
    s: '2026-03-17',
    days: '60',
    same_minute: '0', // Trino: whole minutes elapsed (DuckDB's own date_diff says 1)
    under_a_day: '0',
    deadline: '2026-04-15',
    earlier: '2026-01-01 09:50:00',
    n: '2',
  });
});
