import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { queryLake } from '#core/catalog.ts';
import { lake } from '#core/contract/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import { periodRange } from '#core/period.ts';
import { buildDashboard } from '#dashboard/index.ts';
import { evaluate } from '#evaluate/evaluate.ts';
import { summaryText } from '#evaluate/summary.ts';
import { DEFAULT_PERIODS, generate, readGroundTruth, SCALES, type ScaleName } from '#generate/index.ts';
import { scoreAgainstTruth } from '#generate/score.ts';
import { listFiles } from '#ingest/local.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { lakeDir, parse, progress, progressDone, UsageError } from './args.ts';
import { ingestPool } from './ingest-pool.ts';
import { type Command, LAKE_OPTION } from './main.ts';

/** Marks a lake folder the demo made, so that a rerun may clear it and nothing else. */
const MARKER = '.pantau-demo';
const secs = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} dtk`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Start from an empty lake: refuse to clear a folder the demo did not make. */
async function freshLake(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.length > 0 && !existsSync(join(dir, MARKER))) {
    throw new UsageError(`folder ${dir} sudah berisi data yang bukan dari demo; pakai --lake DIR lain`);
  }
  await rm(dir, { recursive: true, force: true });
}

export const command: Command = {
  name: 'demo',
  usage: 'pantau demo [--lake DIR] [--scale tiny|small|national] [--seed N]',
  summary: 'Jalankan seluruh alur pada mesin lokal: generate → ingest → transform → evaluate → dasbor.',
  options: [
    LAKE_OPTION,
    ['--scale S', `${SCALES.join(', ')} (bawaan small; national = 552 wilayah penuh)`],
    ['--seed N', 'bilangan bulat; seed sama, data sama (bawaan 1)'],
  ],
  example: 'pantau demo --scale tiny --lake /tmp/pantau-demo',
  async run(argv) {
    const { values } = parse(argv, {
      lake: { type: 'string' },
      scale: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '1' },
    });
    if (!(SCALES as readonly string[]).includes(values.scale))
      throw new UsageError(`--scale harus salah satu dari ${SCALES.join(', ')}`);
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(seed))
      throw new UsageError(`--seed harus bilangan bulat, bukan "${values.seed}"`);
    const dir = resolve(lakeDir(values.lake));
    const started = Date.now();
    await freshLake(dir);
    const input = join(dir, 'demo-input');
    const store = new LocalStore(dir);
    await store.write(MARKER, 'Folder ini dibuat oleh `pantau demo` dan boleh dihapus.\n');

    let t0 = Date.now();
    const generated = await generate(
      { out: input, scale: values.scale as ScaleName, seed, periods: DEFAULT_PERIODS },
      (done, total) => progress(`[1/4] membuat data sintetis: ${done}/${total} wilayah`),
    );
    progressDone();
    console.log(
      `[1/4] Data sintetis: ${generated.files} berkas unggahan (${(generated.bytes / 1e6).toFixed(0)} MB) — ${secs(t0)}`,
    );

    t0 = Date.now();
    const files = await listFiles([join(input, lake.uploadsPrefix)]);
    const tally = { accepted: 0, rejected: 0, duplicate: 0 };
    await ingestPool(files, {
      lake: dir,
      onReport: (r, done) => {
        tally[r.status]++;
        progress(`[2/4] ingest: ${done}/${files.length} berkas`);
      },
    });
    progressDone();
    console.log(
      `[2/4] Ingest: diterima ${tally.accepted}, ditolak ${tally.rejected}, duplikat ${tally.duplicate} — ${secs(t0)}`,
    );

    t0 = Date.now();
    const engine = await DuckDbEngine.open(store);
    const results = [];
    try {
      for (const period of periodRange(DEFAULT_PERIODS)) {
        results.push(
          await evaluate({
            lake: store,
            engine,
            period: period.id,
            onProgress: (p) => progress(`[3/4] evaluasi ${p.period}: ${p.model}`),
          }),
        );
      }
    } finally {
      await engine.close();
    }
    progressDone();
    console.log(`[3/4] Transformasi dan evaluasi ${results.length} periode — ${secs(t0)}`);

    t0 = Date.now();
    const dashboard = await buildDashboard({ lake: store });
    console.log(`[4/4] Dasbor — ${secs(t0)}\n`);

    const last = results.at(-1)!;
    console.log(summaryText(last.summary));
    await printScore(dir, input);
    console.log(`
Selesai dalam ${secs(started)}.
  Lake (Parquet, laporan, ledger): ${dir}
  Snapshot peringkat:              ${store.path(lake.publishedRankingDir(last.manifest.period, last.manifest.run_id))}
  Dasbor:                          ${dashboard.path}
  Coba:  npx pantau query "select region_name, index_score, category, rank_national from service_index_region where period = '${last.manifest.period}' and level = 'provinsi' order by rank_national limit 5"`);
    return 0;
  },
};

/** How monitoring and integrity detection compare with the generator's ground truth. */
async function printScore(dir: string, input: string): Promise<void> {
  const status = await queryLake(dir, 'select period, region_code, dataset, status from submission_status');
  const flags = await queryLake(dir, 'select period, region_code, unit_id, flag from integrity_flags');
  const index = await queryLake(
    dir,
    'select period, region_code, missing_components from service_index_region',
  );
  const s = scoreAgainstTruth(readGroundTruth(input), status, flags, index);
  console.log(
    `  Dibandingkan kebenaran dasar generator: pengiriman hilang presisi ${pct(s.missing.precision)} / recall ${pct(s.missing.recall)}; sinyal integritas presisi ${pct(s.integrity.precision)} / recall ${pct(s.integrity.recall)} (${s.integrity.truth} sinyal); komponen indeks hilang presisi ${pct(s.missingComponents.precision)} / recall ${pct(s.missingComponents.recall)}.`,
  );
}
