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
  expect(TRINO_MACROS.map((m) => m.name)).toEqual(['day_of_week', 'from_iso8601_date', 'to_iso8601']);
  const [r] = await duck.rows(`select
    day_of_week(date '2026-03-23') as monday, day_of_week(date '2026-03-22') as sunday,
    cast(from_iso8601_date('2026-03-17') as varchar) as d, to_iso8601(date '2026-03-17') as s,
    date_diff('day', date '2026-03-17', date '2026-05-16') as days,
    count_if(x) as n
    from (values (true), (false), (true)) as t (x)`);
  expect(r).toEqual({ monday: '1', sunday: '7', d: '2026-03-17', s: '2026-03-17', days: '60', n: '2' });
});
