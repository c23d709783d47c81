import type { TrinoMacro } from './dialect.ts';

/*
 * Part of the dialect layer (dialect.ts): Trino functions that DuckDB spells otherwise, or answers otherwise
 * at the edges (NULLs, missing fields, pattern language). Each keeps Trino's name and documented meaning;
 * without them an Athena query fails locally or, for split_part, format, concat, greatest and least, quietly
 * answers differently.
 */

/** [Trino call, DuckDB body, what it returns (Bahasa Indonesia, English)]. */
const RENAMED: readonly (readonly [string, string, string, string])[] = [
  ['day_of_month(x)', 'day(x)', 'tanggal dalam bulan (1–31)', 'day of the month (1–31)'],
  ['day_of_year(x)', 'dayofyear(x)', 'hari ke berapa dalam tahun (1–366)', 'day of the year (1–366)'],
  ['week_of_year(x)', 'week(x)', 'minggu ISO dalam tahun (1–53)', 'ISO week of the year (1–53)'],
  ['year_of_week(x)', 'isoyear(x)', 'tahun dari minggu ISO', 'year of the ISO week'],
  [
    'last_day_of_month(x)',
    'last_day(x)',
    'tanggal terakhir bulan itu (DATE)',
    'last day of the month (DATE)',
  ],
  [
    'to_unixtime(x)',
    'epoch(x)',
    'detik sejak 1970-01-01 UTC (double)',
    'seconds since 1970-01-01 UTC (double)',
  ],
  [
    'truncate(x)',
    'trunc(x)',
    'x tanpa angka di belakang koma',
    'x with the digits after the decimal point dropped',
  ],
  [
    'array_join(x, delimiter)',
    'array_to_string(x, delimiter)',
    'elemen larik disambung dengan pemisah; NULL dilewati',
    'array elements joined by the delimiter; NULLs skipped',
  ],
  ['levenshtein_distance(a, b)', 'levenshtein(a, b)', 'jarak edit Levenshtein', 'Levenshtein edit distance'],
  ['every(x)', 'bool_and(x)', 'benar bila x benar di semua baris', 'true when x is true on every row'],
  [
    'split_part(s, delimiter, idx)',
    `CASE WHEN idx < 1 THEN error('split_part: indeks mulai dari 1')
      WHEN idx > len(string_split(s, delimiter)) THEN NULL ELSE system.main.split_part(s, delimiter, idx) END`,
    'bagian ke-idx (mulai 1); NULL bila bagiannya tidak ada (DuckDB sendiri memberi teks kosong)',
    'field idx (from 1); NULL when there is no such field (DuckDB natively returns an empty string)',
  ],
];

/** `CREATE MACRO name(v1, v2) AS …, (v1, v2, v3) AS …`: Trino's variadic functions for 2 to 8 arguments. */
function variadic(name: string, body: (args: string[]) => string): string {
  const overloads = [2, 3, 4, 5, 6, 7, 8].map((n) => {
    const args = Array.from({ length: n }, (_, i) => `v${i + 1}`);
    return `(${args.join(', ')}) AS ${body(args)}`;
  });
  return `CREATE OR REPLACE MACRO ${name}${overloads.join(',\n  ')}`;
}

/** Trino's greatest/least: NULL when any argument is NULL (DuckDB skips NULLs). */
const nullIfAnyNull = (fn: 'greatest' | 'least') => (args: string[]) =>
  `CASE WHEN ${args.map((a) => `${a} IS NULL`).join(' OR ')} THEN NULL ELSE system.main.${fn}(${args.join(', ')}) END`;

/** The functions above, then Trino's variadic ones whose NULL handling or pattern language differs. */
export const RENAMED_MACROS: readonly TrinoMacro[] = [
  ...RENAMED.map(([call, body, id, en]) => ({
    name: call.slice(0, call.indexOf('(')),
    sql: `CREATE OR REPLACE MACRO ${call} AS ${body}`,
    doc: { id, en },
  })),
  {
    name: 'format',
    sql: variadic('format', (args) => `printf(${args.join(', ')})`),
    signature: 'format(pola, a, …)',
    doc: {
      id: "teks menurut pola printf/Java ('%s', '%d', '%.2f', '%03d'); format bawaan DuckDB memakai {} dan membiarkan %s apa adanya",
      en: "text by a printf/Java pattern; DuckDB's own format uses {} and leaves %s as it is",
    },
  },
  {
    name: 'concat',
    sql: variadic('concat', (args) => args.join(' || ')),
    signature: 'concat(a, b, …)',
    doc: {
      id: 'teks (atau larik) yang disambung; NULL bila salah satunya NULL, seperti || (DuckDB sendiri melewati NULL)',
      en: 'the strings (or arrays) joined; NULL when any is NULL, as || (DuckDB natively skips NULLs)',
    },
  },
  {
    name: 'greatest',
    sql: variadic('greatest', nullIfAnyNull('greatest')),
    signature: 'greatest(a, b, …)',
    doc: {
      id: 'nilai terbesar; NULL bila salah satunya NULL (DuckDB sendiri melewati NULL)',
      en: 'the largest value; NULL when any is NULL (DuckDB natively skips NULLs)',
    },
  },
  {
    name: 'least',
    sql: variadic('least', nullIfAnyNull('least')),
    signature: 'least(a, b, …)',
    doc: {
      id: 'nilai terkecil; NULL bila salah satunya NULL (DuckDB sendiri melewati NULL)',
      en: 'the smallest value; NULL when any is NULL (DuckDB natively skips NULLs)',
    },
  },
];
