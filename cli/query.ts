import { csvLines } from '#core/contract/csv.ts';
import {
  type AnalystResult,
  DIALECTS,
  type Dialect,
  QueryRefusedError,
  runAnalystQuery,
} from '#warehouse/analyst-query.ts';
import { lakeDir, parse, UsageError } from './args.ts';
import type { Command } from './main.ts';

/** Render rows as an aligned text table for a terminal. */
function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(0 baris)';
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const width = cols.map((c) => Math.min(40, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (vals: string[]) => vals.map((v, i) => v.slice(0, 40).padEnd(width[i]!)).join('  ');
  return [
    line(cols),
    line(width.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(cols.map((c) => cell(r[c])))),
    `(${rows.length} baris)`,
  ].join('\n');
}

/** Run the query; a refused one is a usage error (exit 2), an engine failure an error (exit 1). */
async function resultOf(lake: string, sql: string, dialect: Dialect): Promise<AnalystResult> {
  try {
    return await runAnalystQuery(lake, sql, dialect);
  } catch (e) {
    if (e instanceof QueryRefusedError) throw new UsageError(e.message);
    throw e;
  }
}

export const command: Command = {
  name: 'query',
  usage: 'pantau query [--lake DIR] [--json|--csv] [--dialect athena|duckdb] "SQL"',
  summary:
    'Jalankan satu pernyataan SQL analis pada lake lokal (tabel kurasi, mart, submissions) dalam dialek Athena (bawaan) atau DuckDB.',
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        lake: { type: 'string' },
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        dialect: { type: 'string', default: 'athena' },
      },
      true,
    );
    if (positionals.length !== 1)
      throw new UsageError('berikan tepat satu pernyataan SQL (dalam tanda kutip)');
    const dialect = values.dialect as Dialect;
    if (!DIALECTS.includes(dialect))
      throw new UsageError(`dialek tidak dikenal: "${values.dialect}" (pilih ${DIALECTS.join(' atau ')})`);
    const { rows, note } = await resultOf(lakeDir(values.lake), positionals[0]!, dialect);
    if (note) console.error(note);
    if (values.json) for (const r of rows) console.log(JSON.stringify(r));
    else if (values.csv) {
      const cols = rows.length ? Object.keys(rows[0]!) : [];
      process.stdout.write(csvLines([cols, ...rows.map((r) => cols.map((c) => r[c]))]));
    } else console.log(table(rows));
    return 0;
  },
};
