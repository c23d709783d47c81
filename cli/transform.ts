import { LocalStore } from '#core/local-store.ts';
import { transform } from '#warehouse/runner.ts';
import { existingLake, methodologyFlag, parse, periodArg, progressDone, UsageError } from './args.ts';
import { type Command, LAKE_OPTION, METHODOLOGY_OPTION } from './main.ts';
import { modelProgress, withEngine } from './warehouse.ts';

export const command: Command = {
  name: 'transform',
  usage: 'pantau transform [--lake DIR] [--period P | --all] [--methodology v1|v2]',
  summary: 'Bangun tabel gudang (staging → intermediate → mart) per periode dari data terkurasi.',
  options: [
    LAKE_OPTION,
    ['--period P', 'triwulan YYYY-Qn (mis. 2026-Q3); boleh diulang'],
    ['--all', 'setiap periode yang punya data terkurasi'],
    METHODOLOGY_OPTION,
  ],
  example: 'pantau transform --period 2026-Q3 --period 2026-Q4',
  async run(argv) {
    const { values } = parse(argv, {
      lake: { type: 'string' },
      period: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      methodology: { type: 'string' },
    });
    if (Boolean(values.all) === Boolean(values.period?.length))
      throw new UsageError('pilih salah satu: --period P (mis. 2026-Q3) atau --all');
    const periods = (values.period ?? []).map((p) => periodArg(p).id);
    const store = new LocalStore(existingLake(values.lake));
    return withEngine(store, async (engine) => {
      const result = await transform({
        lake: store,
        engine,
        periods: values.all ? 'all' : periods,
        methodologyFile: methodologyFlag(values.methodology),
        onProgress: modelProgress,
      });
      progressDone();
      if (result.periods.length === 0) {
        console.log(`Tidak ada data terkurasi di ${store.location}; tidak ada yang dibangun.`);
        return 0;
      }
      console.log(
        `Selesai: ${result.partitions} partisi mart untuk ${result.periods.join(', ')} dalam ${(result.ms / 1000).toFixed(1)} dtk.`,
      );
      return 0;
    });
  },
};
