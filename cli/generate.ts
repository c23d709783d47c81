import { generate, SCALES, type ScaleName } from '#generate/index.ts';
import { parse, periodArg, progress, progressDone, UsageError } from './args.ts';
import type { Command } from './main.ts';

/** `pantau generate`: write a synthetic national upload tree and its ground truth. */
export const command: Command = {
  name: 'generate',
  usage:
    'pantau generate --out DIR [--scale tiny|small|national] [--seed N] [--periods 2026-Q1..2026-Q4] [--jobs N]',
  summary: 'Tulis pohon unggahan sintetis 552 wilayah (uploads/…) beserta ground-truth.json.',
  options: [
    ['--out DIR', 'folder tujuan (dibuat bila belum ada)'],
    ['--scale S', `${SCALES.join(', ')} (bawaan small)`],
    ['--seed N', 'bilangan bulat; seed sama, data sama (bawaan 1)'],
    ['--periods A..B', 'rentang triwulan, mis. 2026-Q3..2026-Q4, atau satu triwulan 2026-Q3'],
    [
      '--jobs N',
      'utas penulis, bilangan bulat ≥ 1 (bawaan satu per inti, maks. 4; tiny: 1); hasil tetap sama',
    ],
  ],
  example: 'pantau generate --out ./unggahan --scale tiny --periods 2026-Q3..2026-Q4',
  async run(argv) {
    const { values } = parse(argv, {
      out: { type: 'string' },
      scale: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '1' },
      periods: { type: 'string' },
      jobs: { type: 'string' },
    });
    if (!values.out) throw new UsageError('--out DIR wajib diisi, mis. --out ./unggahan');
    if (values.periods !== undefined) periodsArg(values.periods);
    if (!(SCALES as readonly string[]).includes(values.scale))
      throw new UsageError(`--scale harus salah satu dari ${SCALES.join(', ')}`);
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(seed))
      throw new UsageError(`--seed harus bilangan bulat, bukan "${values.seed}"`);
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1))
      throw new UsageError(`--jobs harus bilangan bulat ≥ 1, bukan "${values.jobs}"`);
    let summary: Awaited<ReturnType<typeof generate>>;
    try {
      summary = await generate(
        { out: values.out, scale: values.scale as ScaleName, seed, periods: values.periods, jobs },
        (done, total, region) => progress(`membuat data: ${done}/${total} wilayah (${region})`),
      );
    } finally {
      progressDone();
    }
    const rows = Object.entries(summary.rows)
      .map(([ds, n]) => `${ds} ${n.toLocaleString('id-ID')}`)
      .join(', ');
    console.log(
      `${summary.files} berkas, ${(summary.bytes / 1e6).toFixed(1)} MB, baris: ${rows}; ${summary.seconds.toFixed(1)} detik. Kebenaran dasar: ${summary.truth}`,
    );
    return 0;
  },
};

/** `--periods A..B` (or one period): both ends valid and in order. */
function periodsArg(spec: string): void {
  const [from, to = from] = spec.split('..');
  const a = periodArg(from ?? '');
  const b = periodArg(to ?? '');
  if (b.id < a.id) throw new UsageError(`--periods "${spec}": triwulan akhir sebelum triwulan awal`);
}
