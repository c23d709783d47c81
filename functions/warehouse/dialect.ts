import type { Bilingual } from '#core/datasets/columns.ts';
import type { Duck } from '#core/duckdb.ts';
import { DATE_MACROS } from './dialect-dates.ts';
import { RENAMED_MACROS } from './dialect-names.ts';

/** A DuckDB macro named like a Trino function: its CREATE statement and what it returns. */
export interface TrinoMacro {
  name: string;
  sql: string;
  /** What the function returns, as Trino documents it (rendered in docs/data-dictionary.md). */
  doc: Bilingual;
  /** How the dictionary shows the call, when not the parameters of the SQL (variadic functions). */
  signature?: string;
}

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
  ...DATE_MACROS,
  ...RENAMED_MACROS,
  {
    name: 'approx_percentile',
    // Athena keeps a t-digest; while every value is its own centroid (small groups) its answer is the value
    // at 0-based rank floor(p · n) of the sorted non-null values, which is what this computes exactly.
    sql: `CREATE OR REPLACE MACRO approx_percentile(x, p) AS CASE
      WHEN p < 0 OR p > 1 THEN error('approx_percentile: persentil harus antara 0 dan 1')
      ELSE list_sort(list_filter(list(x), v -> v IS NOT NULL))[system.main.least(CAST(floor(p * count(x)) AS BIGINT) + 1, count(x))] END`,
    doc: {
      id: 'nilai data pada peringkat floor(p · n) dari nilai terurut (p antara 0 dan 1; satu persentil per panggilan); lokal tepat, Athena mendekati pada data besar',
      en: 'the value at rank floor(p · n) of the sorted values (p in 0–1; one percentile per call); exact locally, approximate in Athena on large data',
    },
  },
  {
    name: 'approx_distinct',
    sql: 'CREATE OR REPLACE MACRO approx_distinct(x) AS count(DISTINCT x)',
    doc: {
      id: 'jumlah nilai berbeda (bukan NULL); lokal tepat, Athena mendekati (galat baku 2,3 %)',
      en: 'number of distinct non-null values; exact locally, approximate in Athena (standard error 2.3 %)',
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
    name: 'sequence',
    // Trino's scalar sequence refuses more than 10,000 elements, a step of 0 and a step away from stop; so
    // does this one, so that a model that would fail in Athena fails locally too.
    sql: `CREATE OR REPLACE MACRO sequence(start, stop) AS CASE
      WHEN abs(stop - start) >= 10000 THEN error('sequence: hasil lebih dari 10.000 elemen (batas Athena)')
      WHEN start <= stop THEN generate_series(start, stop) ELSE generate_series(start, stop, -1) END,
    (start, stop, step) AS CASE
      WHEN step = 0 THEN error('sequence: step tidak boleh 0')
      WHEN (stop - start) * sign(step) < 0 THEN error('sequence: step menjauh dari stop')
      WHEN (stop - start) / step >= 10000 THEN error('sequence: hasil lebih dari 10.000 elemen (batas Athena)')
      ELSE generate_series(start, stop, step) END`,
    doc: {
      id: 'larik bilangan bulat dari start sampai stop (langkah step, atau 1 / -1), menurun bila start > stop; paling banyak 10.000 elemen',
      en: 'array of the integers from start to stop (by step, or by 1 / -1), counting down when start > stop; at most 10,000 elements',
    },
    signature: 'sequence(start, stop) / (start, stop, step)',
  },
  {
    name: 'cardinality',
    sql: `CREATE OR REPLACE MACRO cardinality(x) AS CASE json_type(to_json(x))
      WHEN 'ARRAY' THEN json_array_length(to_json(x)) ELSE len(json_keys(to_json(x))) END`,
    doc: { id: 'jumlah elemen larik atau map', en: 'number of elements of an array or map' },
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
    name: "d + interval '1' month",
    doc: {
      id: "DATE ditambah interval menjadi timestamp secara lokal, DATE di Athena; pakai date_add('month', 1, d) agar sama",
      en: "a DATE plus an interval is a timestamp locally, a DATE in Athena; use date_add('month', 1, d) for the same answer",
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
  if (m.signature) return m.signature;
  const params = [...m.sql.matchAll(/(?:MACRO \w+|,)\s*(\([^()]*\)) AS\b/g)].map((x) => x[1]);
  return `${m.name}${params.join(' / ')}`;
}

/** Switch a DuckDB connection to Trino's semantics: settings, then the Trino-named macros. */
export async function installTrinoDialect(duck: Duck): Promise<void> {
  for (const sql of [...SETTINGS, ...TRINO_MACROS.map((m) => m.sql)]) {
    await duck.run(sql);
  }
}
