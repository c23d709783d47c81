import { LocalStore } from '#core/local-store.ts';
import { buildDashboard } from '#dashboard/index.ts';
import { existingLake, parse, periodArg } from './args.ts';
import { type Command, LAKE_OPTION } from './main.ts';

export const command: Command = {
  name: 'dashboard',
  usage: 'pantau dashboard [--lake DIR] [--period P]',
  summary:
    'Bangun dasbor statis (published/dashboard/: satu halaman per periode, pemilih periode, unduhan CSV).',
  options: [LAKE_OPTION, ['--period P', 'periode yang dibuka index.html, YYYY-Qn (bawaan: terbaru)']],
  example: 'pantau dashboard --period 2026-Q4',
  async run(argv) {
    const { values } = parse(argv, { lake: { type: 'string' }, period: { type: 'string' } });
    const period = values.period === undefined ? undefined : periodArg(values.period).id;
    const lake = new LocalStore(existingLake(values.lake));
    const built = await buildDashboard({ lake, period });
    console.log(`Dasbor ${built.periods.join(', ')} (dibuka pada ${built.period}): ${built.path}`);
    return 0;
  },
};
