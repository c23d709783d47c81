import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS } from '#core/datasets/index.ts';
import { literal } from '#core/duckdb.ts';
import { LocalStore } from '#core/local-store.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { loadModels } from '#warehouse/models.ts';
import { curatedPeriods, transform } from '#warehouse/runner.ts';

/** Compressed Parquet bytes per column of one table (its files for the period, or a run table). */
type ColumnBytes = Map<string, number>;

const MiB = 1024 * 1024;
/** Athena bills at least 10 MB per statement. */
const ATHENA_MIN_BYTES = 10 * 1000 * 1000;

async function files(dir: string, ext: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return names.filter((f) => f.endsWith(ext)).map((f) => join(dir, f));
}

async function columnBytes(engine: DuckDbEngine, parquet: string[]): Promise<ColumnBytes> {
  const out: ColumnBytes = new Map();
  if (parquet.length === 0) return out;
  const rows = await engine.rows<{ col: string; bytes: string }>(
    `SELECT path_in_schema AS col, sum(total_compressed_size) AS bytes
     FROM parquet_metadata([${parquet.map(literal).join(', ')}]) GROUP BY 1`,
  );
  for (const r of rows) out.set(r.col, Number(r.bytes));
  return out;
}

/** Bytes of the columns of `table` that `sql` names (Athena reads only those columns of a Parquet table). */
function bytesRead(sql: string, table: ColumnBytes): number {
  const words = new Set(sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
  const star = /\bselect\s+(\w+\.)?\*/i.test(sql);
  return [...table].reduce((n, [col, b]) => n + (star || words.has(col) ? b : 0), 0);
}

/**
 * Athena bytes scanned per model for one period of a lake, as the job runs it (engine in
 * functions/aws/athena-engine.ts): staging reads the period's curated Parquet (the columns it names),
 * every later model reads the run tables and marts it names, `submissions` is the ledger's JSON in full.
 * Run tables are measured by writing each relation DuckDB built as Snappy Parquet, like Athena's CTAS.
 */
export async function benchAthenaBytes(lakeDir: string, period?: string): Promise<void> {
  const store = new LocalStore(resolve(lakeDir));
  const p = period ?? (await curatedPeriods(store)).at(-1)?.id;
  if (!p) throw new Error(`no curated data in ${store.root}`);
  const [year, quarter] = [p.slice(0, 4), p.slice(6)];
  const models = await loadModels();
  const engine = await DuckDbEngine.open(store);
  const scratch = await mkdtemp(join(tmpdir(), 'athena-bytes-'));
  try {
    await transform({ lake: store, engine, periods: [p] });
    const tables = new Map<string, ColumnBytes>();
    /** Every period's curated bytes: what a statement scans without partition pruning. */
    const unpruned = new Map<string, ColumnBytes>();
    for (const d of Object.values(DATASETS)) {
      const dir = join(store.root, 'curated', d.id, `year=${year}`, `quarter=${quarter}`);
      tables.set(d.table, await columnBytes(engine, await files(dir, '.parquet')));
      unpruned.set(
        d.table,
        await columnBytes(engine, await files(join(store.root, 'curated', d.id), '.parquet')),
      );
    }
    for (const m of models) {
      if (m.materialized === 'partition') {
        tables.set(
          m.name,
          await columnBytes(engine, await files(join(store.root, 'warehouse', m.name), '.parquet')),
        );
      } else {
        const out = join(scratch, `${m.name}.parquet`);
        await engine.run(
          `COPY (SELECT * FROM ${m.name}) TO ${literal(out)} (FORMAT parquet, COMPRESSION snappy)`,
        );
        tables.set(m.name, await columnBytes(engine, [out]));
      }
    }
    const ledger = await files(join(store.root, 'ledger'), '.json');
    const ledgerBytes = (await Promise.all(ledger.map((f) => stat(f)))).reduce((n, s) => n + s.size, 0);
    let total = 0;
    let billed = 0;
    console.log(`Athena bytes scanned per model, period ${p} (estimate: Parquet bytes of the columns read)`);
    for (const m of models) {
      const words = new Set(m.sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
      let bytes = words.has('submissions') ? ledgerBytes : 0;
      for (const [name, cols] of tables)
        if (name !== m.name && words.has(name)) bytes += bytesRead(m.sql, cols);
      total += bytes;
      billed += Math.max(bytes, ATHENA_MIN_BYTES);
      console.log(`  ${m.name.padEnd(28)} ${(bytes / MiB).toFixed(2).padStart(10)} MiB`);
    }
    const usd = (b: number) => ((b / 1e12) * 5).toFixed(4);
    console.log(
      `  total ${(total / MiB).toFixed(1)} MiB per period; billed with the 10 MB minimum per statement ${(billed / MiB).toFixed(1)} MiB ≈ US$${usd(billed)} at US$5/TB`,
    );
    // the previous engine: every mart statement inlined its upstream staging, which joined run_period
    // (no pruning), so each mart re-read the curated columns of every period
    const byName = new Map(models.map((m) => [m.name, m]));
    const upstream = (name: string, seen = new Set<string>()): Set<string> => {
      for (const d of byName.get(name)?.dependsOn ?? []) if (!seen.has(d)) upstream(d, seen.add(d));
      return seen;
    };
    let before = 0;
    for (const mart of models.filter((m) => m.materialized === 'partition')) {
      for (const stg of [...upstream(mart.name)].filter((n) => byName.get(n)?.layer === 'staging')) {
        const sql = byName.get(stg)!.sql.toLowerCase();
        for (const [table, cols] of unpruned)
          if (sql.match(new RegExp(`\\b${table}\\b`))) before += bytesRead(sql, cols);
      }
    }
    console.log(
      `  the previous engine (each mart re-inlining its staging, no pruning, ${(await curatedPeriods(store)).length} periods in the lake): ${(before / MiB).toFixed(1)} MiB per period built`,
    );
  } finally {
    await engine.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [lake, period] = process.argv.slice(2);
  if (!lake) throw new Error('usage: tsx bench/athena-bytes.ts LAKE [PERIOD]');
  await benchAthenaBytes(lake, period);
}
