/**
 * Queries with the answers Trino (Athena engine v3) gives, written down from Trino's documented semantics
 * (trino.io/docs, "Date and time functions", "Aggregate functions", "Regular expression functions",
 * "Array functions", "Mathematical operators", "Conversion functions") — never from running DuckDB. Each
 * `sql` is one scalar expression; `trino` is the value as Trino's CLI prints it: timestamps with
 * milliseconds, whole doubles with `.0`, NULL, arrays as `[a, b]`. A DuckDB upgrade that changes any answer fails the tests that
 * read this table (test/warehouse/dialect.test.ts in process, test/warehouse/query-cli.test.ts through
 * `pantau query`).
 */
export interface DialectCase {
  sql: string;
  trino: string;
  /** The documented behaviour that fixes the answer. */
  why: string;
}

const ELAPSED = 'date_diff counts whole units elapsed from the first to the second argument';
const MONTHS =
  'a month has elapsed when the day of month and time are reached again; month end counts as reached';
const SAME_TYPE = 'date_add and date_trunc return the type of their input ([same as input])';

export const DIALECT_CASES: readonly DialectCase[] = [
  // date_diff(unit, timestamp1, timestamp2) → bigint: timestamp2 − timestamp1 in whole units.
  {
    sql: "date_diff('day', timestamp '2026-01-01 23:00', timestamp '2026-01-02 01:00')",
    trino: '0',
    why: ELAPSED,
  },
  {
    sql: "date_diff('hour', timestamp '2026-01-01 23:59', timestamp '2026-01-02 00:01')",
    trino: '0',
    why: ELAPSED,
  },
  {
    sql: "date_diff('second', timestamp '2020-03-01 00:00:00', timestamp '2020-03-02 00:00:00')",
    trino: '86400',
    why: 'documented example',
  },
  { sql: "date_diff('day', date '2020-03-01', date '2020-03-02')", trino: '1', why: 'documented example' },
  {
    sql: "date_diff('millisecond', timestamp '2020-06-01 12:30:45.000', timestamp '2020-06-02 12:30:45.123')",
    trino: '86400123',
    why: 'documented example (at millisecond precision)',
  },
  {
    sql: "date_diff('minute', timestamp '2026-01-01 10:00:59', timestamp '2026-01-01 10:01:00')",
    trino: '0',
    why: ELAPSED,
  },
  {
    sql: "date_diff('hour', timestamp '2026-01-01 00:59', timestamp '2026-01-01 00:00')",
    trino: '0',
    why: `${ELAPSED}; backwards, truncated toward zero`,
  },
  {
    sql: "date_diff('day', timestamp '2026-01-02 01:00', timestamp '2026-01-01 00:00')",
    trino: '-1',
    why: `${ELAPSED}; backwards`,
  },
  { sql: "date_diff('week', date '2026-03-01', date '2026-03-14')", trino: '1', why: `${ELAPSED}: 13 days` },
  {
    sql: "date_diff('month', timestamp '2026-02-28 12:00:00', timestamp '2026-03-28 11:59:59')",
    trino: '0',
    why: MONTHS,
  },
  {
    sql: "date_diff('month', timestamp '2026-02-28 12:00:00', timestamp '2026-03-28 12:00:00')",
    trino: '1',
    why: MONTHS,
  },
  { sql: "date_diff('month', date '2026-01-31', date '2026-02-28')", trino: '1', why: MONTHS },
  { sql: "date_diff('month', date '2026-01-15', date '2026-03-14')", trino: '1', why: MONTHS },
  {
    sql: "date_diff('quarter', date '2026-01-15', date '2026-04-14')",
    trino: '0',
    why: `${MONTHS}; a quarter is 3 months`,
  },
  {
    sql: "date_diff('quarter', date '2026-01-15', date '2026-04-15')",
    trino: '1',
    why: `${MONTHS}; a quarter is 3 months`,
  },
  {
    sql: "date_diff('year', date '2024-02-29', date '2025-02-28')",
    trino: '1',
    why: `${MONTHS}; 29 February reaches 28 February`,
  },
  {
    sql: "date_diff('year', date '2026-01-01', date '2025-01-02')",
    trino: '0',
    why: `${ELAPSED}; backwards`,
  },
  // date_add(unit, value, timestamp) → [same as input].
  {
    sql: "date_add('second', 86, timestamp '2020-03-01 00:00:00')",
    trino: '2020-03-01 00:01:26.000',
    why: 'documented example',
  },
  {
    sql: "date_add('hour', 9, timestamp '2020-03-01 00:00:00')",
    trino: '2020-03-01 09:00:00.000',
    why: 'documented example',
  },
  {
    sql: "date_add('day', -1, timestamp '2020-03-01 00:00:00')",
    trino: '2020-02-29 00:00:00.000',
    why: 'documented example',
  },
  {
    sql: "date_add('month', 1, timestamp '2012-10-31 01:00')",
    trino: '2012-11-30 01:00:00.000',
    why: 'documented: adding a month to the 31st gives the month end',
  },
  {
    sql: "date_add('millisecond', 1500, timestamp '2026-01-01 00:00:00')",
    trino: '2026-01-01 00:00:01.500',
    why: 'documented unit millisecond',
  },
  { sql: "date_add('day', 15, date '2026-03-31')", trino: '2026-04-15', why: SAME_TYPE },
  { sql: "date_add('week', -1, date '2026-03-08')", trino: '2026-03-01', why: SAME_TYPE },
  { sql: "date_add('quarter', 1, date '2026-01-31')", trino: '2026-04-30', why: `${SAME_TYPE}; month end` },
  { sql: "date_add('year', 1, date '2024-02-29')", trino: '2025-02-28', why: `${SAME_TYPE}; month end` },
  // date_trunc(unit, x) → [same as input]; documented table for timestamp '2001-08-22 03:04:05.321'.
  {
    sql: "date_trunc('millisecond', timestamp '2001-08-22 03:04:05.321')",
    trino: '2001-08-22 03:04:05.321',
    why: 'documented table',
  },
  {
    sql: "date_trunc('second', timestamp '2001-08-22 03:04:05.321')",
    trino: '2001-08-22 03:04:05.000',
    why: 'documented table',
  },
  {
    sql: "date_trunc('week', timestamp '2001-08-22 03:04:05.321')",
    trino: '2001-08-20 00:00:00.000',
    why: 'documented table: weeks start on Monday',
  },
  {
    sql: "date_trunc('quarter', timestamp '2001-08-22 03:04:05.321')",
    trino: '2001-07-01 00:00:00.000',
    why: 'documented table',
  },
  { sql: "date_trunc('month', date '2026-03-17')", trino: '2026-03-01', why: SAME_TYPE },
  // format_datetime (Joda-Time patterns) and date_format (MySQL specifiers, %i = minutes).
  {
    sql: "format_datetime(timestamp '2026-03-05 07:08:09.123', 'yyyy-MM-dd HH:mm:ss.SSS')",
    trino: '2026-03-05 07:08:09.123',
    why: 'Joda-Time pattern letters',
  },
  {
    sql: "format_datetime(timestamp '2026-03-05 19:08:09', 'EEE, d MMM yyyy h:mm a')",
    trino: 'Thu, 5 Mar 2026 7:08 PM',
    why: 'Joda-Time pattern letters, English names',
  },
  {
    sql: "format_datetime(timestamp '2026-03-05 07:08:09', 'EEEE dd MMMM yy ''pukul'' HH')",
    trino: 'Thursday 05 March 26 pukul 07',
    why: "Joda-Time: text in '…' is literal",
  },
  {
    sql: "date_format(timestamp '2022-10-20 05:10:00', '%m-%d-%Y %H')",
    trino: '10-20-2022 05',
    why: 'documented example',
  },
  {
    sql: "date_format(timestamp '2026-03-05 17:08:09', '%Y-%m-%d %H:%i:%s')",
    trino: '2026-03-05 17:08:09',
    why: 'documented specifiers: %i minutes, %s seconds',
  },
  {
    sql: "date_format(timestamp '2026-03-05 17:08:09', '%W %e %M %r')",
    trino: 'Thursday 5 March 05:08:09 PM',
    why: 'documented specifiers: %W weekday, %e day, %M month name, %r 12-hour time',
  },
  // approx_percentile(x, percentage) → [same as x]: while each value is its own t-digest centroid (small
  // inputs) the answer is the value at 0-based rank floor(p·n) of the sorted values, nulls ignored.
  {
    sql: 'approx_percentile(x, 0.5) from (values (5), (1), (3), (null)) as t (x)',
    trino: '3',
    why: 'median of 1, 3, 5',
  },
  {
    sql: 'approx_percentile(x, 0.5) from (values (30), (25), (22), (35), (33), (28)) as t (x)',
    trino: '30',
    why: 'rank floor(0.5 · 6) = 3 of 22 25 28 30 33 35',
  },
  {
    sql: 'approx_percentile(x, 0.9) from (values (30), (25), (22), (35), (33), (28)) as t (x)',
    trino: '35',
    why: 'rank floor(0.9 · 6) = 5',
  },
  {
    sql: 'approx_percentile(x, 0.0) from (values (2.5e0), (1.5e0)) as t (x)',
    trino: '1.5',
    why: 'percentage 0 is the minimum',
  },
  // try_cast(value AS type): NULL where cast would fail.
  { sql: "try_cast('abc' as integer)", trino: 'NULL', why: 'try_cast returns null on a failed cast' },
  { sql: "try_cast('2026-02-30' as date)", trino: 'NULL', why: 'try_cast returns null on a failed cast' },
  { sql: "try_cast('42' as bigint)", trino: '42', why: 'a valid cast' },
  // regexp_like: the pattern occurs anywhere in the string; regexp_extract: first match, else NULL.
  { sql: "regexp_like('1a 2b 14m', '\\d+b')", trino: 'true', why: 'documented example' },
  { sql: "regexp_like('Kota Semarang', '^Kab')", trino: 'false', why: 'no match' },
  { sql: "regexp_extract('1a 2b 14m', '\\d+')", trino: '1', why: 'documented example' },
  { sql: "regexp_extract('Kota Semarang', '\\d+')", trino: 'NULL', why: 'no match gives null' },
  {
    sql: "regexp_extract('1a 2b 14m', '(\\d+)([a-z]+)', 2)",
    trino: 'a',
    why: 'documented example: capturing group 2',
  },
  // approx_distinct(x) → bigint: distinct non-null values (exact for small inputs).
  {
    sql: 'approx_distinct(x) from (values (1), (1), (2), (null)) as t (x)',
    trino: '2',
    why: 'approximates count(DISTINCT x)',
  },
  // concat is the || operator (NULL in, NULL out); greatest/least are NULL when any argument is NULL.
  { sql: "concat('Kota', ' ', 'Semarang')", trino: 'Kota Semarang', why: 'concatenation' },
  { sql: "concat('Kota', null)", trino: 'NULL', why: 'same as ||: a NULL operand gives NULL' },
  { sql: 'concat(array[1], array[2, 3])', trino: '[1, 2, 3]', why: 'arrays concatenate' },
  { sql: 'greatest(1, 5, 3)', trino: '5', why: 'the largest value' },
  { sql: 'greatest(1, null)', trino: 'NULL', why: 'null if any argument is null' },
  {
    sql: "least(date '2026-03-01', date '2026-01-01')",
    trino: '2026-01-01',
    why: 'the smallest value, same type',
  },
  { sql: 'least(1, null, 3)', trino: 'NULL', why: 'null if any argument is null' },
  // sequence(start, stop) → array(bigint): counts down when start > stop; at most 10,000 elements.
  { sql: 'sequence(1, 3)', trino: '[1, 2, 3]', why: 'from start to stop, step 1' },
  { sql: 'sequence(3, 1)', trino: '[3, 2, 1]', why: 'step -1 when start > stop' },
  { sql: 'sequence(2, 2)', trino: '[2]', why: 'one element' },
  { sql: 'sequence(1, 10000)[10000]', trino: '10000', why: 'the largest sequence Trino returns' },
  { sql: 'sequence(1, 10, 4)', trino: '[1, 5, 9]', why: 'by step, stop included when reached' },
  { sql: 'sequence(10, 1, -3)', trino: '[10, 7, 4, 1]', why: 'a negative step counts down' },
  // cardinality(x) → bigint: size of an array or map.
  { sql: 'cardinality(array[1, 2, 3])', trino: '3', why: 'size of the array' },
  { sql: "cardinality(split('skm,fkp', ','))", trino: '2', why: 'size of the array' },
  { sql: "cardinality(map(array['a', 'b'], array[1, 2]))", trino: '2', why: 'size of the map' },
  // Functions DuckDB names otherwise or answers otherwise at the edges.
  { sql: "split_part('31.71.01', '.', 2)", trino: '71', why: 'field indexes start with 1' },
  {
    sql: "split_part('31.71', '.', 3)",
    trino: 'NULL',
    why: 'null when the index is larger than the number of fields',
  },
  { sql: "format('%s%%', 'IKM 88')", trino: 'IKM 88%', why: 'documented example (with a string argument)' },
  { sql: "format('%03d', 8)", trino: '008', why: 'documented example' },
  { sql: "format('%-7s,%7s', 'hello', 'world')", trino: 'hello  ,  world', why: 'documented example' },
  { sql: "day_of_month(date '2026-03-05')", trino: '5', why: 'alias of day' },
  { sql: "day_of_year(date '2026-03-05')", trino: '64', why: 'day of the year' },
  { sql: "week_of_year(date '2026-01-01')", trino: '1', why: 'ISO week: 2026-01-01 is a Thursday' },
  {
    sql: "year_of_week(date '2027-01-01')",
    trino: '2026',
    why: 'year of the ISO week: 2027-01-01 is in week 53 of 2026',
  },
  { sql: "last_day_of_month(date '2028-02-10')", trino: '2028-02-29', why: 'last day of the month' },
  {
    sql: "to_unixtime(timestamp '1970-01-02 00:00:00')",
    trino: '86400.0',
    why: 'seconds since the epoch, as a double',
  },
  { sql: 'truncate(-2.7e0)', trino: '-2.0', why: 'drops the digits after the decimal point' },
  {
    sql: "array_join(array['skm', null, 'fkp'], ', ')",
    trino: 'skm, fkp',
    why: 'nulls are skipped without a replacement',
  },
  { sql: "levenshtein_distance('kitten', 'sitting')", trino: '3', why: 'edit distance' },
  { sql: 'every(x) from (values (true), (false)) as t (x)', trino: 'false', why: 'alias of bool_and' },
  // Division of integers is integer division, truncated toward zero; a double operand gives a double.
  { sql: '7 / 2', trino: '3', why: 'integer division' },
  { sql: '-7 / 2', trino: '-3', why: 'integer division truncates toward zero' },
  { sql: 'cast(7 as double) / 2', trino: '3.5', why: 'double division' },
  { sql: '7 % 3', trino: '1', why: 'modulus' },
  // Functions the models use.
  {
    sql: 'count_if(x) from (values (true), (false), (true)) as t (x)',
    trino: '2',
    why: 'rows where x is true',
  },
  { sql: "day_of_week(date '2026-03-22')", trino: '7', why: 'ISO day of week, Sunday = 7' },
  { sql: "from_iso8601_date('2026-03-17')", trino: '2026-03-17', why: 'documented' },
  {
    sql: "to_iso8601(timestamp '2026-03-05 07:08:09')",
    trino: '2026-03-05T07:08:09.000',
    why: 'ISO 8601 text',
  },
];

/** A returned value of a DuckDB type (`typeof`) as Trino's CLI prints it (the form `trino` is written in). */
export function trinoText(value: unknown, type: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value))
    return `[${value.map((v) => trinoText(v, type.replace(/\[\]$/, ''))).join(', ')}]`;
  if (type === 'DOUBLE' && Number.isInteger(value)) return `${value}.0`;
  const ts = type.startsWith('TIMESTAMP') && /^([^.]+)(?:\.(\d+))?$/.exec(String(value));
  return ts ? `${ts[1]}.${(ts[2] ?? '').padEnd(3, '0').slice(0, 3)}` : String(value);
}

/** The case as two columns of one SELECT, `<alias>` and `<alias>_type`; a scalar subquery when it reads rows. */
export function selectItems(c: DialectCase, alias: string): string {
  const [expr, from] = c.sql.split(/ (?=from )/);
  const scalar = (e: string) => (from ? `(select ${e} ${from})` : e);
  return `${scalar(expr!)} as ${alias}, ${scalar(`typeof(${expr})`)} as ${alias}_type`;
}
