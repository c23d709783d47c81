/**
 * Date format strings: Trino's two pattern languages translated, inside SQL, to DuckDB's `strftime` codes,
 * for the format_datetime and date_format macros (dialect-dates.ts).
 *
 * A macro receives the pattern as an expression, so the translation is SQL: the pattern is cut into tokens
 * with `regexp_extract_all`, each token is mapped through a CASE generated from the tables below, and the
 * pieces are joined again; DuckDB folds a literal pattern into the constant strftime requires. A letter or
 * specifier the table lacks stops the query with a message, never a silently different string.
 */

/** Joda-Time pattern letters (Trino `format_datetime`) → strftime; English names as Trino's default locale. */
const JODA: Readonly<Record<string, string>> = {
  y: '%Y',
  yy: '%y',
  yyy: '%Y',
  yyyy: '%Y',
  M: '%-m',
  MM: '%m',
  MMM: '%b',
  MMMM: '%B',
  d: '%-d',
  dd: '%d',
  D: '%-j',
  DDD: '%j',
  E: '%a',
  EE: '%a',
  EEE: '%a',
  EEEE: '%A',
  a: '%p',
  H: '%-H',
  HH: '%H',
  h: '%-I',
  hh: '%I',
  m: '%-M',
  mm: '%M',
  s: '%-S',
  ss: '%S',
  SSS: '%g',
  SSSSSS: '%f',
};

/** MySQL specifiers (Trino `date_format`) → strftime; `%i` is minutes, `%M` a month name. */
const MYSQL: Readonly<Record<string, string>> = {
  '%a': '%a',
  '%b': '%b',
  '%c': '%-m',
  '%d': '%d',
  '%e': '%-d',
  '%f': '%f',
  '%H': '%H',
  '%h': '%I',
  '%I': '%I',
  '%i': '%M',
  '%j': '%j',
  '%k': '%-H',
  '%l': '%-I',
  '%M': '%B',
  '%m': '%m',
  '%p': '%p',
  '%r': '%I:%M:%S %p',
  '%S': '%S',
  '%s': '%S',
  '%T': '%H:%M:%S',
  '%v': '%V',
  '%W': '%A',
  '%x': '%G',
  '%Y': '%Y',
  '%y': '%y',
  '%%': '%%',
};

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A CASE over `tok` mapping each table key to its strftime code. */
function mapping(table: Readonly<Record<string, string>>): string {
  return Object.entries(table)
    .map(([from, to]) => `WHEN tok = ${sqlText(from)} THEN ${sqlText(to)}`)
    .join(' ');
}

/** Pieces of the strftime pattern for a Joda-Time pattern `fmt` (SQL); NULL where Trino's letter has no code. */
function jodaPieces(fmt: string): string {
  // Tokens: a quoted literal ('' inside it is a quote), a run of one pattern letter, one other letter, or text.
  const letters = [...new Set(Object.keys(JODA).map((k) => k[0]))].map((l) => `${l}+`).join('|');
  const tokens = sqlText(`'(?:[^']|'')*'|${letters}|[A-Za-z]|[^A-Za-z']+`);
  return `list_transform(regexp_extract_all(${fmt}, ${tokens}), tok -> CASE
    ${mapping(JODA)}
    WHEN tok = '''''' THEN ''''
    WHEN tok[1] = '''' THEN replace(replace(tok[2:-2], '''''', ''''), '%', '%%')
    WHEN regexp_matches(tok, '^[A-Za-z]') THEN NULL
    ELSE replace(tok, '%', '%%') END)`;
}

/** Pieces of the strftime pattern for a MySQL pattern `fmt` (SQL); NULL for a specifier Trino refuses. */
function mysqlPieces(fmt: string): string {
  return `list_transform(regexp_extract_all(${fmt}, '%.|[^%]+'), tok -> CASE
    ${mapping(MYSQL)}
    WHEN tok IN ('%D', '%U', '%u', '%V', '%w', '%X') THEN NULL
    WHEN tok[1] = '%' THEN tok[2]
    ELSE tok END)`;
}

/**
 * The body of a Trino formatting macro `name(x, fmt)`: `strftime` with the translated pattern (DuckDB wants a
 * constant pattern: a literal `fmt` folds to one), or an error naming the pattern when a piece has no code.
 */
export function formatMacroBody(name: 'format_datetime' | 'date_format', x: string, fmt: string): string {
  const pieces = name === 'format_datetime' ? jodaPieces(fmt) : mysqlPieces(fmt);
  const kind = name === 'format_datetime' ? 'Joda-Time' : 'MySQL';
  return `CASE WHEN list_count(${pieces}) < len(${pieces})
      THEN error('${name}: pola ' || ${fmt} || ' memuat kode ${kind} yang belum didukung pantau query')
    ELSE strftime(${x}, array_to_string(${pieces}, '')) END`;
}
