import { lake } from '#core/contract/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import { evaluate } from '#evaluate/evaluate.ts';
import { summaryText } from '#evaluate/summary.ts';
import { curatedPeriods } from '#warehouse/runner.ts';
import { existingLake, methodologyFlag, parse, periodArg, progressDone, UsageError } from './args.ts';
import { type Command, LAKE_OPTION, METHODOLOGY_OPTION } from './main.ts';
import { modelProgress, withEngine } from './warehouse.ts';

export const command: Command = {
  name: 'evaluate',
  usage: 'pantau evaluate [--lake DIR] --period P [--methodology v1|v2]',
  summary: 'Evaluasi triwulanan: peringkat, pemantauan pengiriman, sinyal integritas, snapshot terbit.',
  options: [
    LAKE_OPTION,
    ['--period P', 'triwulan yang punya data terkurasi, YYYY-Qn (mis. 2026-Q3)'],
    METHODOLOGY_OPTION,
  ],
  example: 'pantau evaluate --period 2026-Q4',
  async run(argv) {
    const { values } = parse(argv, {
      lake: { type: 'string' },
      period: { type: 'string' },
      methodology: { type: 'string' },
    });
    if (values.period === undefined) throw new UsageError('--period wajib diisi, mis. --period 2026-Q3');
    const period = periodArg(values.period);
    const store = new LocalStore(existingLake(values.lake));
    await requireCurated(store, period.id);
    return withEngine(store, async (engine) => {
      const result = await evaluate({
        lake: store,
        engine,
        period: period.id,
        methodology: methodologyFlag(values.methodology),
        onProgress: modelProgress,
      });
      progressDone();
      const where = store.path(lake.publishedRankingDir(result.manifest.period, result.manifest.run_id));
      console.log(summaryText(result.summary));
      console.log(
        `Snapshot ${result.manifest.run_id} (metodologi ${result.manifest.methodology_version})${result.created ? '' : ' sudah ada, isi sama'}: ${where}`,
      );
      if (result.manifest.calendar_provisional)
        console.log(
          'Kalender hari kerja sementara: periode ini menjangkau tahun tanpa SKB libur nasional (hanya libur bertanggal tetap).',
        );
      return 0;
    });
  },
};

/**
 * A period without curated data is refused before anything runs: its snapshot would be empty, permanent,
 * and on the dashboard's trend axis. (The scheduled job publishes such a quarter: all regions missing.)
 */
async function requireCurated(store: LocalStore, period: string): Promise<void> {
  const available = (await curatedPeriods(store)).map((p) => p.id);
  if (available.includes(period)) return;
  throw new UsageError(
    `tidak ada data terkurasi untuk periode ${period}; ${
      available.length
        ? `periode yang ada: ${available.join(', ')}`
        : 'lake ini belum berisi data terkurasi (jalankan pantau ingest dahulu)'
    }`,
  );
}
