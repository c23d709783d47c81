/**
 * Quoting for SQL text shared by DuckDB and Trino (Athena), and the one reader of which relations a
 * statement refers to. Values from users are bound as parameters, never quoted into text: these are for
 * names and values the code itself produces (paths, seeds, enumerations from definitions).
 */

/** Quote an identifier (table, column, view name). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal; for paths and generated values only, never for user input in queries. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A comma-separated list of string literals (`'a', 'b'`), e.g. for `IN (…)`. */
export const literalList = (values: readonly string[]) => values.map(literal).join(', ');

/** SQL text with `--` and block comments and string literals blanked out, so only code remains. */
export function sqlCode(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, ' ');
}

/**
 * Which of `names` a statement refers to as a relation or identifier: whole words of its code (comments and
 * string literals excluded, case-insensitive, optionally double-quoted), not as the column part of `x.name`.
 * A comment that mentions a table is not a dependency.
 */
export function referencedNames(sql: string, names: Iterable<string>): Set<string> {
  const code = sqlCode(sql).toLowerCase();
  const words = new Set(code.match(/(?<![\w.])"?[a-z_][a-z0-9_]*"?/g)?.map((w) => w.replaceAll('"', '')));
  return new Set([...names].filter((n) => words.has(n.toLowerCase())));
}
