import { resolve } from 'node:path';
import { lake } from '#core/contract/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import { evaluate } from '#evaluate/evaluate.ts';
import { summaryText } from '#evaluate/summary.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { lakeDir, methodologyFlag, parse, progress, progressDone, UsageError } from './args.ts';
import type { Command } from './main.ts';

export const command: Command = {
  name: 'evaluate',
  usage: 'pantau evaluate [--lake DIR] --period P [--methodology v1|v2]',
  summary: 'Evaluasi triwulanan: peringkat, pemantauan pengiriman, sinyal integritas, snapshot terbit.',
  async run(argv) {
    const { values } = parse(argv, {
      lake: { type: 'string' },
      period: { type: 'string' },
      methodology: { type: 'string' },
    });
    if (!values.period) throw new UsageError('--period wajib (mis. --period 2026-Q3)');
    const store = new LocalStore(resolve(lakeDir(values.lake)));
    const engine = await DuckDbEngine.open(store);
    try {
      const result = await evaluate({
        lake: store,
        engine,
        period: values.period,
        methodology: methodologyFlag(values.methodology),
        onProgress: (p) => progress(`[${p.step}/${p.steps}] ${p.period} ${p.model}`),
      }).catch((e: unknown) => {
        if (e instanceof RangeError) throw new UsageError((e as Error).message);
        throw e;
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
    } finally {
      await engine.close();
    }
  },
};
