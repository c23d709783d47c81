// The Trino grammar alone: the package root would load every dialect's parser (about 2 s per query).
import { TrinoSqlLexer } from 'dt-sql-parser/dist/lib/trino/TrinoSqlLexer.js';
import { TrinoSQL } from 'dt-sql-parser/dist/parser/trino/index.js';
import { CONSTRUCTS, type Token } from './duckdb-syntax.ts';

const NAME_TYPES = [
  TrinoSqlLexer.IDENTIFIER,
  TrinoSqlLexer.DIGIT_IDENTIFIER,
  TrinoSqlLexer.QUOTED_IDENTIFIER,
  TrinoSqlLexer.BACKQUOTED_IDENTIFIER,
];

let parser: TrinoSQL | undefined;

/** Significant tokens of `sql` as the Trino lexer reads them (strings and comments handled as Trino does). */
function tokensOf(sql: string): Token[] {
  parser ??= new TrinoSQL();
  return parser
    .getAllTokens(sql)
    .filter((t) => t.channel === 0 && t.text !== undefined && t.type !== -1)
    .map((t) => ({
      text: t.text!.toLowerCase(),
      isName: NAME_TYPES.includes(t.type),
      line: t.line,
      column: t.column + 1,
      start: t.start,
      stop: t.stop,
    }));
}

/** Whether `sql` holds anything but blanks and comments. */
export function hasSql(sql: string): boolean {
  return tokensOf(sql).length > 0;
}

/**
 * Check analyst SQL against the Trino (Athena) grammar. Returns undefined when Athena would parse it, else one
 * line in Bahasa Indonesia: the DuckDB-only construct and its Athena equivalent, or where the grammar fails.
 */
export function athenaSyntaxProblem(sql: string): string | undefined {
  parser ??= new TrinoSQL();
  const errors = parser.validate(sql);
  const tokens = tokensOf(sql);
  for (const c of CONSTRUCTS.filter((x) => x.always || errors.length > 0)) {
    const i = c.at(tokens);
    if (i >= 0)
      return `SQL memakai sintaks khusus DuckDB yang tidak diterima Athena: ${c.name} (baris ${tokens[i]!.line}). Padanan Athena: ${c.athena}. Untuk menjalankan SQL DuckDB apa adanya: --dialect duckdb`;
  }
  const e = errors[0];
  if (!e) return undefined;
  const near = tokens.find((t) => t.line === e.startLine && t.column === e.startColumn);
  const where = near
    ? `di dekat "${near.text}" (baris ${e.startLine}, kolom ${e.startColumn})`
    : 'di akhir kueri';
  return `SQL tidak sah menurut tata bahasa Athena (Trino) ${where}: periksa ejaan, koma dan tanda kurung; untuk SQL khusus DuckDB pakai --dialect duckdb`;
}
