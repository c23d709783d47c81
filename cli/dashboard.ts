import { resolve } from 'node:path';
import { LocalStore } from '#core/local-store.ts';
import { parsePeriod } from '#core/period.ts';
import { buildDashboard } from '#dashboard/index.ts';
import { lakeDir, parse, UsageError } from './args.ts';
import type { Command } from './main.ts';

export const command: Command = {
  name: 'dashboard',
  usage: 'pantau dashboard [--lake DIR] [--period P]',
  summary: 'Bangun dasbor peringkat nasional (satu berkas HTML) dari tabel mart dan snapshot peringkat.',
  async run(argv) {
    const { values } = parse(argv, { lake: { type: 'string' }, period: { type: 'string' } });
    if (values.period !== undefined && !parsePeriod(values.period)) {
      throw new UsageError(`periode harus berbentuk YYYY-Qn, bukan "${values.period}"`);
    }
    const built = await buildDashboard({
      lake: new LocalStore(resolve(lakeDir(values.lake))),
      period: values.period,
    });
    console.log(`Dasbor periode ${built.period}: ${built.path}`);
    return 0;
  },
};
