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
import { median } from './measure.ts';

export interface BenchTransformOptions {
  /** A lake folder that already holds curated data (e.g. from the national generator + ingest). */
  lake: string;
  /** Period to rebuild. @default the latest curated period */
  period?: string;
  threads?: number;
  /** Rounds, each a transform then a scan; medians are reported. @default 3 */
  rounds?: number;
  log?: (line: string) => void;
}

/** Wall and CPU time (user + system of this process: DuckDB's threads included), in ms. */
interface Cost {
  ms: number;
  cpuMs: number;
}

export interface BenchTransformResult {
  period: string;
  /** Medians over the rounds. */
  transformMs: number;
  scanMs: number;
  ratio: number;
  transformCpuMs: number;
  scanCpuMs: number;
  cpuRatio: number;
  /** Each model's wall and CPU time in the median round's transform, the most CPU first. */
  models: ({ model: string } & Cost)[];
  /** The median round's time before its first model: the seeds and binding the period (the ledger copy). */
  setup: Cost;
  /** Per scan of the lake by a model: files DuckDB read for this period vs files under the scanned prefix. */
  pruning: { model: string; source: string; filesRead: number; filesInSource: number }[];
}

const now = (): Cost => {
  const c = process.cpuUsage();
  return { ms: performance.now(), cpuMs: (c.user + c.system) / 1000 };
};
const since = (a: Cost, b: Cost = now()): Cost => ({ ms: b.ms - a.ms, cpuMs: b.cpuMs - a.cpuMs });

const cost = async (f: () => Promise<unknown>): Promise<Cost> => {
  const t = now();
  await f();
  return since(t);
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
 * One statement that reads, from the period's curated files, every column the staging models name: each
 * dataset's files listed (no glob, no hive partitions), hashed so nothing is skipped.
 */
async function scanOfColumnsRead(
  store: LocalStore,
  period: string,
  models: Awaited<ReturnType<typeof loadModels>>,
): Promise<string> {
  const parts: string[] = [];
  for (const d of Object.values(DATASETS)) {
    const stg = models.find((m) => m.name === `stg_${d.table}`);
    const files = await parquetFiles(
      join(store.root, lake.curatedPartitionPrefix(d.id, parsePeriod(period)!)),
    );
    if (!stg || files.length === 0) continue;
    const cols = d.stored
      .filter((c) => new RegExp(`\\b${c.name}\\b`).test(stg.sql))
      .map((c) => ident(c.name));
    parts.push(
      `(SELECT bit_xor(hash(${cols.join(', ')})) AS h FROM read_parquet([${files.map(literal).join(', ')}]))`,
    );
  }
  return `SELECT ${parts.join(', ')}`;
}

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
    const scan = await scanOfColumnsRead(store, period, models);
    const runs: { transform: Cost; scan: Cost; setup: Cost; models: ({ model: string } & Cost)[] }[] = [];
    for (let i = 0; i < (options.rounds ?? 3); i++) {
      const marks: { model: string; at: Cost }[] = [];
      const started = now();
      const t = await cost(() =>
        transform({
          lake: store,
          engine,
          periods: [period],
          onProgress: (p) => marks.push({ model: p.model, at: now() }),
        }),
      );
      const ended = now();
      const perModel = marks.map((m, i) => ({ model: m.model, ...since(m.at, marks[i + 1]?.at ?? ended) }));
      const setup = since(started, marks[0]?.at ?? ended);
      runs.push({ transform: t, scan: await cost(async () => engine.rows(scan)), setup, models: perModel });
    }
    const mid = [...runs].sort((a, b) => a.transform.ms - b.transform.ms)[Math.floor(runs.length / 2)]!;
    const perModel = mid.models.sort((a, b) => b.cpuMs - a.cpuMs);
    const [transformMs, scanMs, transformCpuMs, scanCpuMs] = [
      median(runs.map((r) => r.transform.ms)),
      median(runs.map((r) => r.scan.ms)),
      median(runs.map((r) => r.transform.cpuMs)),
      median(runs.map((r) => r.scan.cpuMs)),
    ];
    const pruning: BenchTransformResult['pruning'] = [];
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
    const cpuRatio = transformCpuMs / scanCpuMs;
    const sec = (ms: number) => (ms / 1000).toFixed(2);
    log(
      `transform ${period}: ${sec(transformMs)} s · scan of the columns read: ${sec(scanMs)} s · ratio ${ratio.toFixed(2)}× (goal ≤ 3×); CPU ${sec(transformCpuMs)} s vs ${sec(scanCpuMs)} s · ${cpuRatio.toFixed(2)}× (medians of ${runs.length} alternating rounds)`,
    );
    log(
      `  before the first model (seeds, binding the period: the ledger copy): ${sec(mid.setup.ms)} s, CPU ${sec(mid.setup.cpuMs)} s`,
    );
    log('  share of the transform by model, median round:');
    for (const m of perModel.filter(
      (x) => x.cpuMs / mid.transform.cpuMs >= 0.01 || x.ms / mid.transform.ms >= 0.01,
    ))
      log(
        `    ${m.model.padEnd(32)} ${sec(m.ms).padStart(6)} s ${((100 * m.ms) / mid.transform.ms).toFixed(0).padStart(3)} %   CPU ${sec(m.cpuMs).padStart(6)} s ${((100 * m.cpuMs) / mid.transform.cpuMs).toFixed(0).padStart(3)} %`,
      );
    for (const p of pruning)
      log(`  ${p.model} ← ${p.source}: read ${p.filesRead} of ${p.filesInSource} files`);
    return {
      period,
      transformMs,
      scanMs,
      ratio,
      transformCpuMs,
      scanCpuMs,
      cpuRatio,
      models: perModel,
      setup: mid.setup,
      pruning,
    };
  } finally {
    await engine.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [lake, period] = process.argv.slice(2);
  if (!lake) throw new Error('usage: tsx bench/transform.ts LAKE [PERIOD]');
  await benchTransform({ lake, period });
}
