import type { TrinoMacro } from './dialect.ts';
import { formatMacroBody } from './dialect-formats.ts';

/*
 * Trino's date and time functions as DuckDB macros (part of the dialect layer in dialect.ts). The units are
 * Trino's interval units; a unit Trino refuses stops the query here too, with the function named.
 */

const UNITS = ['millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'];
const DATE_UNITS = UNITS.slice(UNITS.indexOf('day'));
const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/** CASE branches that stop on a unit Trino refuses: unknown, or finer than a day on a DATE. */
function unitGuard(fn: string, value: string): string {
  return `WHEN lower(unit) NOT IN (${list(UNITS)})
      THEN error('${fn}: satuan ''' || unit || ''' tidak dikenal Athena; pakai ${UNITS.join(', ')}')
    WHEN typeof(${value}) = 'DATE' AND lower(unit) NOT IN (${list(DATE_UNITS)})
      THEN error('${fn}: satuan ''' || unit || ''' tidak berlaku untuk DATE di Athena; ubah nilainya ke timestamp')`;
}

/** One unit of each name as a DuckDB interval (a quarter is three months). */
const UNIT_INTERVAL = `CASE lower(unit) ${UNITS.map(
  (u) => `WHEN '${u}' THEN ${u === 'quarter' ? 'INTERVAL 3 MONTH' : `INTERVAL 1 ${u.toUpperCase()}`}`,
).join(' ')} END`;

/** Date and time functions: whole units elapsed, results of the input's type, Trino's format patterns. */
export const DATE_MACROS: readonly TrinoMacro[] = [
  {
    name: 'date_diff',
    sql: `CREATE OR REPLACE MACRO date_diff(unit, a, b) AS CASE ${unitGuard('date_diff', 'a')}
      ELSE date_sub(unit, a, b) END`,
    doc: {
      id: 'jumlah satuan utuh yang sudah berlalu dari a ke b (DuckDB sendiri menghitung batas yang dilewati); bulan dihitung per tanggal kalender, akhir bulan ke akhir bulan',
      en: 'whole units elapsed from a to b (DuckDB natively counts boundaries crossed); months by calendar day, month end to month end',
    },
  },
  {
    name: 'date_add',
    sql: `CREATE OR REPLACE MACRO date_add(unit, n, d) AS CASE ${unitGuard('date_add', 'd')}
      ELSE cast_to_type(d + CAST(n AS BIGINT) * ${UNIT_INTERVAL}, d) END`,
    doc: {
      id: 'd ditambah n satuan, bertipe sama dengan d (DATE tetap DATE); tanggal 31 + 1 bulan menjadi akhir bulan berikutnya',
      en: 'd plus n units, of the same type as d (a DATE stays a DATE); day 31 plus one month is the next month end',
    },
  },
  {
    name: 'date_trunc',
    sql: `CREATE OR REPLACE MACRO date_trunc(unit, x) AS CASE ${unitGuard('date_trunc', 'x')}
      ELSE cast_to_type(system.main.date_trunc(unit, x), x) END`,
    doc: {
      id: 'x dipotong ke awal satuan, bertipe sama dengan x; minggu mulai Senin',
      en: 'x truncated to the unit, of the same type as x; weeks start on Monday',
    },
  },
  {
    name: 'format_datetime',
    sql: `CREATE OR REPLACE MACRO format_datetime(x, fmt) AS ${formatMacroBody('format_datetime', 'x', 'fmt')}`,
    doc: { id: 'teks menurut pola Joda-Time (yyyy-MM-dd HH:mm:ss)', en: 'text by a Joda-Time pattern' },
  },
  {
    name: 'date_format',
    sql: `CREATE OR REPLACE MACRO date_format(x, fmt) AS ${formatMacroBody('date_format', 'x', 'fmt')}`,
    doc: { id: 'teks menurut pola MySQL (%Y-%m-%d %H:%i:%s; %i = menit)', en: 'text by a MySQL pattern' },
  },
  {
    name: 'day_of_week',
    sql: 'CREATE OR REPLACE MACRO day_of_week(d) AS isodow(d)',
    doc: { id: 'hari ISO: Senin = 1 … Minggu = 7', en: 'ISO day of week, Monday = 1 … Sunday = 7' },
  },
  {
    name: 'from_iso8601_date',
    sql: 'CREATE OR REPLACE MACRO from_iso8601_date(s) AS CAST(s AS DATE)',
    doc: { id: "'YYYY-MM-DD' → DATE", en: "'YYYY-MM-DD' → DATE" },
  },
  {
    name: 'to_iso8601',
    sql: `CREATE OR REPLACE MACRO to_iso8601(d) AS
      strftime(d, CASE WHEN typeof(d) = 'DATE' THEN '%Y-%m-%d' ELSE '%Y-%m-%dT%H:%M:%S.%g' END)`,
    doc: { id: 'teks ISO 8601 dari DATE atau timestamp', en: 'ISO 8601 text of a DATE or timestamp' },
  },
];
