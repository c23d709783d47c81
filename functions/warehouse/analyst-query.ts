import { join } from 'node:path';
import { attachLake, hasFiles, mentionedIn } from '#core/catalog.ts';
import { lake } from '#core/contract/lake.ts';
import { Duck } from '#core/duckdb.ts';
import { installTrinoDialect } from './dialect.ts';
import { athenaSyntaxProblem, hasSql } from './query-guard.ts';

/** The SQL dialects `pantau query` accepts: Athena's (Trino, the default) or DuckDB's own. */
export const DIALECTS = ['athena', 'duckdb'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** An analyst's query that did not give rows; the message is one line in Bahasa Indonesia. */
export class AnalystQueryError extends Error {
  override name = 'AnalystQueryError';
}

/** The query was not run: not Athena's SQL (under the athena dialect), or not exactly one statement. */
export class QueryRefusedError extends AnalystQueryError {
  override name = 'QueryRefusedError';
}

/** The engine ran the query and failed; the message keeps the engine's and names the lake's tables. */
export class QueryFailedError extends AnalystQueryError {
  override name = 'QueryFailedError';
}

/** The rows of an analyst's query, and a note when they cannot mean much (the lake holds no data). */
export interface AnalystResult {
  rows: Record<string, unknown>[];
  /** One line in Bahasa Indonesia, for stderr. */
  note?: string;
}

/** Whether the lake folder holds any data file (curated or warehouse Parquet, ledger entries). */
export async function lakeHasData(root: string): Promise<boolean> {
  return (
    (await hasFiles(join(root, lake.curatedRoot), '.parquet')) ||
    (await hasFiles(join(root, lake.warehouseRoot), '.parquet')) ||
    (await hasFiles(join(root, lake.ledgerPrefix), '.json'))
  );
}

const EMPTY = 'kueri kosong: berikan satu pernyataan SQL, mis. "select count(*) from skm_responses"';

const emptyLake = (root: string) =>
  `lake "${root}" kosong atau salah (tidak ada berkas data di sana): periksa --lake atau PANTAU_LAKE, atau isi dulu dengan npx pantau demo`;

/**
 * Run one analyst statement over a local lake and return its rows. Under `athena` the statement must parse
 * with the Trino grammar, and runs with the Trino dialect layer (same functions, same answers as the models).
 */
export async function runAnalystQuery(
  root: string,
  sql: string,
  dialect: Dialect = 'athena',
): Promise<AnalystResult> {
  if (!hasSql(sql)) throw new QueryRefusedError(EMPTY);
  if (dialect === 'athena') {
    const problem = athenaSyntaxProblem(sql);
    if (problem) throw new QueryRefusedError(problem);
  }
  const duck = await Duck.open();
  try {
    if (dialect === 'athena') await installTrinoDialect(duck);
    const reads = mentionedIn(sql);
    const tables = await attachLake(duck, root, reads);
    try {
      const { count } = await duck.connection.extractStatements(sql);
      if (count !== 1)
        throw new QueryRefusedError(
          count === 0
            ? EMPTY
            : `berikan tepat satu pernyataan SQL; kueri ini berisi ${count} pernyataan (dipisah ";"): jalankan satu per satu`,
        );
      // a name the statement misspells has no view: it runs again with every table's, so that the
      // engine's error suggests the name meant
      const rows = await duck.rows(sql).catch(async (e: Error) => {
        if (!e.message.startsWith('Catalog Error')) throw e;
        await attachLake(duck, root, (name) => !reads(name));
        return duck.rows(sql);
      });
      return tables.some(reads) && !(await lakeHasData(root))
        ? { rows, note: `Catatan: ${emptyLake(root)}` }
        : { rows };
    } catch (e) {
      if (e instanceof AnalystQueryError) throw e;
      throw new QueryFailedError(await explain(e as Error, root, tables));
    }
  } finally {
    duck.close();
  }
}

/** One line: the engine's message (without its caret drawing), then the tables, or why there are none. */
async function explain(error: Error, root: string, tables: readonly string[]): Promise<string> {
  const [first = '', ...rest] = error.message.split('\n');
  const line = /^LINE (\d+):/m.exec(error.message)?.[1];
  const suggestion = /^Did you mean "([^"]+)"\?/m.exec(error.message)?.[1];
  const candidates = rest.find((l) => l.startsWith('Candidate bindings:'));
  const engine = [
    first.trim(),
    suggestion && tables.includes(suggestion) ? `Maksud Anda "${suggestion}"?` : '',
    candidates ?? '',
    line ? `(baris ${line})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const hint = (await lakeHasData(root)) ? `Tabel yang ada: ${tables.join(', ')}` : emptyLake(root);
  return `Kesalahan SQL dari DuckDB: ${engine} — ${hint}`;
}
