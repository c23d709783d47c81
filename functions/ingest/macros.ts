import { literal, literalList } from '#core/contract/sql.ts';
import { UNIT_CODE_MACROS } from '#core/datasets/unit.ts';
import type { Duck } from '#core/duckdb.ts';

/** Indonesian (and English) month spellings by their first three letters. */
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  peb: 2,
  mar: 3,
  apr: 4,
  mei: 5,
  may: 5,
  jun: 6,
  jul: 7,
  agu: 8,
  agt: 8,
  ags: 8,
  aug: 8,
  sep: 9,
  okt: 10,
  oct: 10,
  nov: 11,
  nop: 11,
  des: 12,
  dec: 12,
};

const DATE_FORMATS = ['%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y', '%Y/%m/%d'];
/** Times after a date: 24-hour, and 12-hour with AM/PM (the Google Forms download, `8:17:01 AM`). */
const TIME_FORMATS = ['%H:%M:%S', '%H:%M', '%H.%M.%S', '%H.%M', '%I:%M:%S %p', '%I:%M %p'];
const list = (xs: string[]) => `[${literalList(xs)}]`;
/**
 * `try_strptime` over every date format (each with the time formats after it), one call per date separator,
 * made only where the cell holds that separator: the separator is a literal every such format needs, so a
 * cell without it matches none of them, and a failed attempt costs ~0.5 µs a format (a date in words paid
 * ~10 µs for the twenty). No two formats match the same text, so their order is not a result's.
 */
function strptimeBySeparator(x: string): string {
  const groups = new Map<string, string[]>();
  for (const d of DATE_FORMATS) {
    const sep = d.replace(/%./g, '')[0]!;
    groups.set(sep, [...(groups.get(sep) ?? []), d, ...TIME_FORMATS.map((t) => `${d} ${t}`)]);
  }
  return [...groups]
    .map(
      ([sep, formats]) =>
        `CASE WHEN contains(${x}, ${literal(sep)}) THEN try_strptime(${x}, ${list(formats)}) END`,
    )
    .join(', ');
}
/**
 * A month's number from its word: the position of its first three letters among the spellings. Not a
 * `CASE left(m, 3) WHEN …`: that is a test of `left(m, 3) = …` per spelling, each computing `left` again.
 */
const monthNumber = `[${Object.values(MONTHS).join(', ')}][list_position(${list(Object.keys(MONTHS))}, left(m, 3))]`;
/** Indonesian day names, whole and abbreviated, longest first (`Senin, 3 Agustus 2026`, `Sen 3/8/2026`). */
const DAY_NAME = String.raw`'^(senin|selasa|rabu|kamis|jum''at|jumat|sabtu|minggu|ahad|sen|sel|rab|kam|jum|sab|mgg|min)\.?,?\s+'`;
const WORDS = String.raw`'^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})(?:[ ,T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$'`;

/** A time field of a date in words: its digits (the pattern's groups hold only digits), or 0 when absent. */
const timeField = (v: string, type: string) => `CASE WHEN ${v} <> '' THEN CAST(${v} AS ${type}) ELSE 0 END`;
/**
 * The fields of a date in words as `make_timestamp` takes them, a struct made once from what {@link WORDS}
 * extracts (`x`; NULL when nothing matched): each field is then read, not computed again, by the test and
 * the function (a field named in both, and the month's CASE twice, made one cell cost ~1.8 µs).
 */
const WORD_FIELDS = `CASE WHEN x.y <> '' THEN {'y': CAST(x.y AS INTEGER), 'm': pantau_month(x.m), 'd': CAST(x.d AS INTEGER),
  'h': ${timeField('x.h', 'INTEGER')}, 'i': ${timeField('x.i', 'INTEGER')}, 's': ${timeField('x.s', 'DOUBLE')}} END`;
/**
 * Where `make_timestamp` accepts the fields `f` of a date in words: a day of the month, and a time before
 * 24:00 (a 60th second allowed) or 24:00:00 itself. Tested first, so that `try` never meets an error: one
 * error in a batch of rows makes `try` evaluate that whole batch again row by row (~40 µs a row: an export
 * with one `31 Februari` in each batch took ten times as long). `word-dates.test.ts` checks the test agrees
 * with the function on every day, month and time the pattern can give.
 */
const WORD_FIELDS_VALID =
  'f.d BETWEEN 1 AND day(last_day(make_date(f.y, f.m, 1))) AND ((f.h < 24 AND f.i < 60 AND f.s <= 60) OR (f.h = 24 AND f.i = 0 AND f.s = 0))';

/**
 * Normalisers for the Indonesian locale forms of dates and numbers, as DuckDB macros (installed once per connection):
 * trimming, decimal comma and Indonesian thousands, dates in every accepted form, Excel serial dates.
 * Every macro returns NULL for what it cannot read; validation turns that into a finding.
 */
export const INGEST_MACROS = [
  // Plain trim is the fast path; tabs, line breaks and no-break spaces (Excel copy-paste) are trimmed only
  // when a typed value does not parse otherwise (see compile.ts).
  // A lone dash (`-`, `–`, `—`) is how officers write "none": an empty cell.
  // Not a NULLIF chain: NULLIF is itself a macro naming its argument twice, so four nested ones paste 16
  // copies of the trim into the plan (binding and optimising them was most of a small file's cost).
  `CREATE OR REPLACE MACRO pantau_trim(v) AS CASE WHEN trim(v) IN ('', '-', '–', '—') THEN NULL ELSE trim(v) END`,
  // An ASCII value without a space at either end, not empty and not a dash is its own clean value (trim
  // removes only spaces from ASCII text; the other dashes are not ASCII): kept as is, skipping trim's copy.
  `CREATE OR REPLACE MACRO pantau_clean(v) AS CASE
     WHEN strlen(v) = length(v) AND NOT starts_with(v, ' ') AND NOT ends_with(v, ' ') AND v <> '' AND v <> '-' THEN v
     ELSE pantau_trim(v) END`,
  `CREATE OR REPLACE MACRO pantau_deep_clean(v) AS CASE WHEN trim(v, ' \t\r\n\u00a0') IN ('', '-', '–', '—') THEN NULL
     ELSE trim(v, ' \t\r\n\u00a0') END`,
  ...UNIT_CODE_MACROS,
  // No regular expressions in per-column macros: each one is compiled again for every column at planning.
  // Only dots and every group after the first three digits long: Indonesian thousands (12.500 = 12500).
  `CREATE OR REPLACE MACRO pantau_number(v) AS CASE
     WHEN NOT (contains(v, '.') OR contains(v, ',')) THEN TRY_CAST(v AS DOUBLE)
     WHEN NOT contains(v, '.') THEN TRY_CAST(replace(v, ',', '.') AS DOUBLE)
     WHEN contains(v, ',') THEN TRY_CAST(replace(replace(v, '.', ''), ',', '.') AS DOUBLE)
     WHEN NOT contains(lower(v), 'e') AND list_bool_and(list_transform(string_split(v, '.')[2:], g -> length(g) = 3))
       THEN TRY_CAST(replace(v, '.', '') AS DOUBLE)
     ELSE TRY_CAST(v AS DOUBLE) END`,
  `CREATE OR REPLACE MACRO pantau_month(m) AS ${monthNumber}`,
  // One regexp_extract whose fields a lambda reads: a macro argument used n times is planned n times.
  `CREATE OR REPLACE MACRO pantau_words(s) AS list_transform(
     list_transform([regexp_extract(s, ${WORDS}, ['d', 'm', 'y', 'h', 'i', 's'])], x -> ${WORD_FIELDS}),
     f -> CASE WHEN ${WORD_FIELDS_VALID} THEN try(make_timestamp(f.y, f.m, f.d, f.h, f.i, f.s)) END)[1]`,
  `CREATE OR REPLACE MACRO pantau_serial(v) AS CASE WHEN length(v) BETWEEN 5 AND 20 AND TRY_CAST(v AS DOUBLE) BETWEEN 20000 AND 80000
     THEN TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(CAST(v AS DOUBLE) * 86400e6) AS BIGINT)) END`,
  // Fast paths by shape (ISO, DD/MM/YYYY, DD-MM-YYYY): what nearly every cell is. A DD-MM-YYYY form is
  // never a valid ISO cast (its four-digit year is no day), so these are the formats the full parser
  // would read it with; other day-first forms with dashes (one-digit day, two-digit year) go to it.
  // A date in words that starts with its day (`1 Oktober 2026`) is read by its own parser straight away: the
  // full parser would try the other forms first and read it with the same one (no other form has a month
  // in letters, and a cell the anchored pattern matches has no padding or day name to clean).
  // So is one after a day name (`Kamis, 1 Oktober 2026`), as the full parser reads it once the name is cut.
  // The shapes are tested with LIKE (`_` is one character), ~10 ns a test, where each `v[i]` made a string
  // (~35 ns) and a cast or parse that fails costs 250–500 ns: so a cell reaches only the parse its shape needs.
  `CREATE OR REPLACE MACRO pantau_no_day_name(v) AS regexp_replace(lower(v), ${DAY_NAME}, '')`,
  // What the date-in-words parser reads of a cell: lower case, without a day name before the day. One call
  // of the parser per fast macro, on this: each call pastes its pattern and lambdas into the plan again.
  `CREATE OR REPLACE MACRO pantau_words_text(v) AS CASE WHEN v[1] BETWEEN '0' AND '9' THEN lower(v) ELSE pantau_no_day_name(v) END`,
  `CREATE OR REPLACE MACRO pantau_timestamp_fast(v) AS CASE WHEN v LIKE '____-%' THEN TRY_CAST(v AS TIMESTAMP)
     WHEN v LIKE '__/%' OR v LIKE '_/%' THEN try_strptime(v, ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y'])
     WHEN v LIKE '__-__-____' OR v LIKE '__-__-____ %'
       THEN try_strptime(v, ['%d-%m-%Y %H:%M:%S', '%d-%m-%Y %H:%M', '%d-%m-%Y'])
     ELSE pantau_words(pantau_words_text(v)) END`,
  `CREATE OR REPLACE MACRO pantau_date_fast(v) AS CASE WHEN v LIKE '____-_____' THEN TRY_CAST(v AS DATE)
     WHEN v LIKE '__/%' OR v LIKE '_/%' THEN CAST(try_strptime(v, '%d/%m/%Y') AS DATE)
     WHEN v LIKE '__-__-____' THEN CAST(try_strptime(v, '%d-%m-%Y') AS DATE)
     ELSE CAST(pantau_words(pantau_words_text(v)) AS DATE) END`,
  // Every accepted form, for what the fast paths could not read.
  // A zone name after the time (` GMT+7`, as the Google Forms download writes it) is dropped: the time is
  // kept as written, the respondent's local time.
  `CREATE OR REPLACE MACRO pantau_no_zone_name(v) AS CASE WHEN contains(v, ' gmt') THEN split_part(v, ' gmt', 1) ELSE v END`,
  `CREATE OR REPLACE MACRO pantau_timestamp(v) AS list_transform([pantau_no_zone_name(pantau_no_day_name(v))], x -> COALESCE(
     TRY_CAST(x AS TIMESTAMP),
     ${strptimeBySeparator('x')},
     pantau_words(x),
     pantau_serial(x)))[1]`,
  // Formula characters are neutralised at the start of a cell and after a `,` or `;` inside it: a
  // spreadsheet whose list separator is the other one splits the cell there.
  String.raw`CREATE OR REPLACE MACRO pantau_safe_cell(v) AS regexp_replace(
     CASE WHEN regexp_matches(v, '^[=+\-@\t\r]') THEN '''' || v ELSE v END, '([;,])([=+\-@\t\r])', '\1''\2', 'g')`,
];

export async function installIngestMacros(duck: Duck): Promise<void> {
  for (const sql of INGEST_MACROS) await duck.run(sql);
}
