import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lake } from '#core/contract/lake.ts';
import { DATASETS } from '#core/datasets/index.ts';
import { ident, literal } from '#core/duckdb.ts';
import { LocalStore } from '#core/local-store.ts';
import { parsePeriod } from '#core/period.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { loadModels } from '#warehouse/models.ts';
import { curatedPeriods, transform } from '#warehouse/runner.ts';

export interface BenchTransformOptions {
  /** A lake folder that already holds curated data (e.g. from the national generator + ingest). */
  lake: string;
  /** Period to rebuild. @default the latest curated period */
  period?: string;
  threads?: number;
  log?: (line: string) => void;
}

export interface BenchTransformResult {
  period: string;
  transformMs: number;
  scanMs: number;
  ratio: number;
  /** Per scan of the lake by a model: files DuckDB read for this period vs files under the scanned prefix. */
  pruning: { model: string; source: string; filesRead: number; filesInSource: number }[];
}

const time = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

/** One table scan of a query's plan: its source glob and how many files it read. */
interface Scan {
  source: string;
  filesRead: number;
}

/** Table scans of a query, from DuckDB's `EXPLAIN (ANALYZE, FORMAT json)`. */
async function scans(engine: DuckDbEngine, sql: string): Promise<Scan[]> {
  const rows = await engine.rows<{ explain_value: string }>(`EXPLAIN (ANALYZE, FORMAT json) ${sql}`);
  const out: Scan[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const info = (node as { extra_info?: Record<string, unknown> }).extra_info;
    if (info && typeof info['Total Files Read'] === 'string') {
      out.push({
        source: String(info['Filename(s)'] ?? info.Function),
        filesRead: Number(info['Total Files Read']),
      });
    }
    for (const v of Object.values(node)) if (typeof v === 'object') walk(v);
  };
  walk(JSON.parse(rows.map((r) => r.explain_value).join('')));
  return out;
}

/** The table folder a scan reads (`curated/skm/`, `warehouse/ikm_region/`, `ledger/`), relative to the lake. */
function tableDir(root: string, source: string): string {
  const rel = source.startsWith(root) ? source.slice(root.length + 1) : source;
  if (rel.startsWith(lake.ledgerPrefix)) return lake.ledgerPrefix;
  return `${rel.split('/').slice(0, 2).join('/')}/`;
}

async function filesUnder(root: string, dir: string): Promise<number> {
  const entries = await readdir(join(root, dir), { recursive: true }).catch(() => [] as string[]);
  return entries.filter((f) => f.endsWith(dir === lake.ledgerPrefix ? '.json' : '.parquet')).length;
}

const parquetFiles = async (dir: string) =>
  (await readdir(dir, { recursive: true }).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.parquet'))
    .map((f) => join(dir, f));

/**
 * Transform one period of a lake vs one DuckDB scan of the curated columns the staging models read, for
 * that period's files; prints the ratio (goal ≤ 3×) and the files each staging model and the index mart
 * read (partition pruning). Writes the period's mart partitions, as `pantau transform --period` would.
 */
export async function benchTransform(options: BenchTransformOptions): Promise<BenchTransformResult> {
  const log = options.log ?? console.log;
  const store = new LocalStore(resolve(options.lake));
  const period = options.period ?? (await curatedPeriods(store)).at(-1)?.id;
  if (!period) throw new Error(`no curated data in ${store.root}`);
  const models = await loadModels();
  const engine = await DuckDbEngine.open(store, { threads: options.threads });
  try {
    const transformMs = await time(() => transform({ lake: store, engine, periods: [period] }));
    let scanMs = 0;
    const pruning: BenchTransformResult['pruning'] = [];
    for (const d of Object.values(DATASETS)) {
      const stg = models.find((m) => m.name === `stg_${d.table}`);
      const files = await parquetFiles(
        join(store.root, lake.curatedPartitionPrefix(d.id, parsePeriod(period)!)),
      );
      if (!stg || files.length === 0) continue;
      const cols = d.stored
        .filter((c) => new RegExp(`\\b${c.name}\\b`).test(stg.sql))
        .map((c) => ident(c.name));
      const list = `[${files.map(literal).join(', ')}]`;
      scanMs += await time(() =>
        engine.rows(`SELECT bit_xor(hash(${cols.join(', ')})) AS h FROM read_parquet(${list})`),
      );
    }
    for (const model of models.filter((m) => m.layer === 'staging' || m.name === 'service_index_region')) {
      for (const scan of await scans(engine, model.sql)) {
        const source = tableDir(store.root, scan.source);
        pruning.push({
          model: model.name,
          source,
          filesRead: scan.filesRead,
          filesInSource: await filesUnder(store.root, source),
        });
      }
    }
    const ratio = transformMs / scanMs;
    log(
      `transform ${period}: ${(transformMs / 1000).toFixed(2)} s · scan of the columns read: ${(scanMs / 1000).toFixed(2)} s · ratio ${ratio.toFixed(2)}× (goal ≤ 3×)`,
    );
    for (const p of pruning)
      log(`  ${p.model} ← ${p.source}: read ${p.filesRead} of ${p.filesInSource} files`);
    return { period, transformMs, scanMs, ratio, pruning };
  } finally {
    await engine.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [lake, period] = process.argv.slice(2);
  if (!lake) throw new Error('usage: tsx bench/transform.ts LAKE [PERIOD]');
  await benchTransform({ lake, period });
}
