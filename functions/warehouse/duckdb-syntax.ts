/**
 * DuckDB syntax that Athena (Trino) refuses or reads differently, each with what to write in Athena instead:
 * the table behind `pantau query`'s refusal messages (query-guard.ts). Matching runs on the Trino lexer's
 * tokens, so text inside strings and comments never matches.
 */

/** One significant token of the query (comments and blanks dropped), lowercased, with its position. */
export interface Token {
  text: string;
  /** A name (identifier, quoted or not) rather than a keyword or symbol. */
  isName: boolean;
  line: number;
  column: number;
  start: number;
  stop: number;
}

/**
 * DuckDB syntax Athena refuses: how the analyst wrote it, where it starts, and what to write instead. Most are
 * looked for only when the Trino grammar fails; `always` ones parse in Trino but mean something else there.
 */
export interface Construct {
  name: string;
  athena: string;
  always?: boolean;
  /** Index of the token where the construct starts, or -1. */
  at(tokens: readonly Token[]): number;
}

/** Index of the first place where the words follow each other (adjacent when `tight`, as for `::`). */
function sequence(words: readonly string[], tight = false) {
  return (t: readonly Token[]) =>
    t.findIndex((_, i) =>
      words.every(
        (w, k) => t[i + k]?.text === w && (!tight || k === 0 || t[i + k]!.start === t[i + k - 1]!.stop + 1),
      ),
    );
}

const first = (words: readonly string[]) => (t: readonly Token[]) =>
  words.includes(t[0]?.text ?? '') ? 0 : -1;
const any = (words: readonly string[]) => (t: readonly Token[]) => t.findIndex((x) => words.includes(x.text));

/** Trino's interval fields: the unit is written after the quoted number. */
const INTERVAL_FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second'];

/** `INTERVAL '1 day'`: the unit inside the string, as DuckDB allows (the Trino grammar in dt-sql-parser lets it through). */
function intervalWithUnitInside(t: readonly Token[]): number {
  return t.findIndex(
    (x, i) =>
      x.text === 'interval' &&
      t[i + 1]?.text.startsWith("'") &&
      !INTERVAL_FIELDS.includes(t[i + 2]?.text ?? ''),
  );
}

/** A `[` that opens a list literal: not a subscript (after a name, `]` or `)`) and not `ARRAY[`. */
function listLiteral(t: readonly Token[]): number {
  return t.findIndex(
    (x, i) => x.text === '[' && i > 0 && !t[i - 1]!.isName && ![')', ']', 'array'].includes(t[i - 1]!.text),
  );
}

/** A LIMIT with an OFFSET after it (Trino wants OFFSET first). */
function limitThenOffset(t: readonly Token[]): number {
  const limit = t.findIndex((x) => x.text === 'limit');
  return limit >= 0 && t.slice(limit).some((x) => x.text === 'offset') ? limit : -1;
}

/** Words after which `… BY ALL` ends: there it is DuckDB's "every column", in Trino a column named `all`. */
const BY_ALL_END = [
  undefined,
  ')',
  ';',
  'limit',
  'offset',
  'fetch',
  'having',
  'order',
  'window',
  'asc',
  'desc',
  'nulls',
  'union',
  'except',
  'intersect',
];

function byAll(kind: 'group' | 'order') {
  return (t: readonly Token[]) =>
    t.findIndex(
      (x, i) =>
        x.text === kind &&
        t[i + 1]?.text === 'by' &&
        t[i + 2]?.text === 'all' &&
        BY_ALL_END.includes(t[i + 3]?.text),
    );
}

/** DuckDB-only syntax, most common first; the first found is the one reported. */
export const CONSTRUCTS: readonly Construct[] = [
  {
    name: 'SELECT * EXCLUDE (…)',
    athena: 'sebutkan kolom yang dibutuhkan satu per satu: SELECT a, b FROM t',
    at: sequence(['*', 'exclude']),
  },
  {
    name: 'SELECT * REPLACE (…)',
    athena: 'sebutkan kolomnya, ekspresi pengganti dengan alias: SELECT upper(a) AS a, b FROM t',
    at: sequence(['*', 'replace', '(']),
  },
  {
    name: 'QUALIFY',
    athena:
      'hitung fungsi jendela di subkueri lalu saring di luar: SELECT * FROM (SELECT …, row_number() OVER (…) AS rn FROM t) WHERE rn = 1',
    at: any(['qualify']),
  },
  { name: 'kueri yang diawali FROM', athena: 'SELECT … FROM t', at: first(['from']) },
  { name: 'cast singkat x::tipe', athena: 'CAST(x AS tipe)', at: sequence([':', ':'], true) },
  { name: 'ILIKE', athena: "lower(x) LIKE lower('pola')", at: any(['ilike']) },
  {
    name: 'GROUP BY ALL',
    athena: 'sebutkan kolomnya atau nomor urutnya: GROUP BY 1, 2',
    at: byAll('group'),
    always: true,
  },
  {
    name: 'ORDER BY ALL',
    athena: 'sebutkan kolomnya atau nomor urutnya: ORDER BY 1, 2',
    at: byAll('order'),
    always: true,
  },
  {
    name: 'SELECT DISTINCT ON (…)',
    athena: 'row_number() OVER (PARTITION BY … ORDER BY …) AS rn di subkueri, lalu WHERE rn = 1',
    at: sequence(['distinct', 'on']),
  },
  {
    name: 'LIMIT n OFFSET m',
    athena: 'OFFSET m LIMIT n',
    at: limitThenOffset,
  },
  {
    name: 'pembagian bulat //',
    athena: 'a / b (Athena membagi dua bilangan bulat secara bulat)',
    at: sequence(['/', '/'], true),
  },
  { name: 'pangkat **', athena: 'power(a, b)', at: sequence(['*', '*'], true) },
  {
    name: 'PIVOT / UNPIVOT',
    athena: "agregasi bersyarat: sum(CASE WHEN kolom = 'x' THEN nilai END) AS x",
    at: any(['pivot', 'unpivot']),
  },
  { name: 'USING SAMPLE', athena: 'TABLESAMPLE BERNOULLI (10)', at: sequence(['using', 'sample']) },
  {
    name: 'COLUMNS(…)',
    athena: 'sebutkan kolomnya satu per satu',
    at: sequence(['columns', '(']),
    always: true,
  },
  { name: 'literal struct {…}', athena: 'CAST(ROW(…) AS ROW(nama tipe, …))', at: any(['{']) },
  { name: 'literal daftar […]', athena: 'ARRAY[…]', at: listLiteral },
  {
    name: 'fungsi berkas DuckDB read_…()',
    athena: 'baca tabel menurut namanya (docs/data-dictionary.md)',
    at: (t) => t.findIndex((x, i) => /^read_/.test(x.text) && t[i + 1]?.text === '('),
    always: true,
  },
  {
    name: "INTERVAL '1 day'",
    athena: "INTERVAL '1' DAY (satuan di luar tanda kutip: YEAR, MONTH, DAY, HOUR, MINUTE, SECOND)",
    at: intervalWithUnitInside,
    always: true,
  },
  {
    name: 'perintah khusus DuckDB',
    athena: 'pantau query menjalankan kueri SELECT',
    at: first([
      'copy',
      'attach',
      'detach',
      'pragma',
      'install',
      'load',
      'summarize',
      'export',
      'import',
      'checkpoint',
    ]),
  },
];
