import type { Bilingual } from '#core/datasets/columns.ts';
import type { Duck } from '#core/duckdb.ts';
import { formatMacroBody } from './dialect-formats.ts';

/** A DuckDB macro named like a Trino function: its CREATE statement and what it returns. */
export interface TrinoMacro {
  name: string;
  sql: string;
  /** What the function returns, as Trino documents it (rendered in docs/data-dictionary.md). */
  doc: Bilingual;
}

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

/**
 * The one place where Trino (Athena) and DuckDB differ, for the models in `sql/` and for analysts' SQL
 * run by `pantau query`.
 *
 * SQL is written in Trino's dialect. Before any of it runs, {@link installTrinoDialect} switches DuckDB to
 * integer division (`7 / 2` is 3, as in Trino) and installs macros named like the Trino functions that
 * DuckDB lacks or gives another meaning; each returns what Trino's documentation says (the test table in
 * `test/warehouse/dialect-table.ts` holds the answers). Rules the models still follow:
 * - exact medians through `row_number()`/`count(*)` windows (`approx_percentile` is approximate in Athena);
 * - `case` rather than `if`, `concat_ws` for optional lists, `count_if` for conditional counts.
 */
export const TRINO_MACROS: readonly TrinoMacro[] = [
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
    name: 'approx_percentile',
    // Athena keeps a t-digest; while every value is its own centroid (small groups) its answer is the value
    // at 0-based rank floor(p · n) of the sorted non-null values, which is what this computes exactly.
    sql: `CREATE OR REPLACE MACRO approx_percentile(x, p) AS CASE
      WHEN p < 0 OR p > 1 THEN error('approx_percentile: persentil harus antara 0 dan 1')
      ELSE list_sort(list_filter(list(x), v -> v IS NOT NULL))[least(CAST(floor(p * count(x)) AS BIGINT) + 1, count(x))] END`,
    doc: {
      id: 'nilai data pada peringkat floor(p · n) dari nilai terurut (p antara 0 dan 1; satu persentil per panggilan); lokal tepat, Athena mendekati pada data besar',
      en: 'the value at rank floor(p · n) of the sorted values (p in 0–1; one percentile per call); exact locally, approximate in Athena on large data',
    },
  },
  {
    name: 'regexp_like',
    sql: 'CREATE OR REPLACE MACRO regexp_like(s, pattern) AS regexp_matches(s, pattern)',
    doc: {
      id: 'benar bila pola ditemukan di mana pun dalam s',
      en: 'true when the pattern occurs anywhere in s',
    },
  },
  {
    name: 'regexp_extract',
    sql: `CREATE OR REPLACE MACRO regexp_extract(s, pattern) AS
        CASE WHEN regexp_matches(s, pattern) THEN system.main.regexp_extract(s, pattern) END,
      (s, pattern, grp) AS
        CASE WHEN regexp_matches(s, pattern) THEN system.main.regexp_extract(s, pattern, grp) END`,
    doc: {
      id: 'bagian pertama yang cocok (atau grup ke-grp di dalamnya); NULL bila tidak ada (DuckDB sendiri memberi teks kosong)',
      en: 'the first match (or its group grp); NULL when none (DuckDB natively returns an empty string)',
    },
  },
  {
    name: 'cardinality',
    sql: `CREATE OR REPLACE MACRO cardinality(x) AS CASE json_type(to_json(x))
      WHEN 'ARRAY' THEN json_array_length(to_json(x)) ELSE len(json_keys(to_json(x))) END`,
    doc: { id: 'jumlah elemen larik atau map', en: 'number of elements of an array or map' },
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

/** Integer division as in Trino: `/` on two integers gives an integer, truncated toward zero. */
const SETTINGS = ['SET integer_division = true'];

/** Operators and built-ins that need no macro (a setting, or the same syntax in both), for the dictionary. */
export const DIALECT_NOTES: readonly { name: string; doc: Bilingual }[] = [
  {
    name: 'a / b',
    doc: {
      id: 'dua bilangan bulat dibagi secara bulat, dibulatkan ke arah nol (7 / 2 = 3); pakai cast(a as double) / b untuk pecahan',
      en: 'two integers divide as integers, truncated toward zero (7 / 2 = 3); use cast(a as double) / b for a fraction',
    },
  },
  {
    name: 'cast(x as integer)',
    doc: {
      id: 'double ke bilangan bulat: lokal dibulatkan ke genap terdekat (2.5 → 2), Athena menjauhi nol (2.5 → 3); tulis cast(round(x) as integer)',
      en: 'double to integer: locally rounded half to even (2.5 → 2), Athena rounds half away from zero (2.5 → 3); write cast(round(x) as integer)',
    },
  },
  {
    name: 'try_cast(x as type)',
    doc: {
      id: "NULL bila konversi gagal ('abc' → integer); teks pecahan seperti '1.5' ke integer memberi 2 secara lokal tetapi NULL di Athena",
      en: "NULL where the cast fails; fractional text such as '1.5' to integer gives 2 locally but NULL in Athena",
    },
  },
];

/** `name(params)` of a macro from its SQL, each overload's parameters joined by ` / `. */
export function signature(m: TrinoMacro): string {
  const params = [...m.sql.matchAll(/(?:MACRO \w+|,)\s*(\([^()]*\)) AS\b/g)].map((x) => x[1]);
  return `${m.name}${params.join(' / ')}`;
}

/** Switch a DuckDB connection to Trino's semantics: settings, then the Trino-named macros. */
export async function installTrinoDialect(duck: Duck): Promise<void> {
  for (const sql of [...SETTINGS, ...TRINO_MACROS.map((m) => m.sql)]) {
    await duck.run(sql);
  }
}
