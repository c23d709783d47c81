import { generate, SCALES, type ScaleName } from '#generate/index.ts';
import { parse, progress, progressDone, UsageError } from './args.ts';
import type { Command } from './main.ts';

/** `pantau generate`: write a synthetic national upload tree and its ground truth. */
export const command: Command = {
  name: 'generate',
  usage: 'pantau generate --out DIR [--scale tiny|small|national] [--seed N] [--periods 2026-Q1..2026-Q4]',
  summary: 'Tulis pohon unggahan sintetis 552 wilayah (uploads/…) beserta ground-truth.json.',
  async run(argv) {
    const { values } = parse(argv, {
      out: { type: 'string' },
      scale: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '1' },
      periods: { type: 'string' },
    });
    if (!values.out) throw new UsageError('--out DIR wajib diisi');
    if (!(SCALES as readonly string[]).includes(values.scale))
      throw new UsageError(`--scale harus salah satu dari ${SCALES.join(', ')}`);
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(seed))
      throw new UsageError(`--seed harus bilangan bulat, bukan "${values.seed}"`);
    let summary: Awaited<ReturnType<typeof generate>>;
    try {
      summary = await generate(
        { out: values.out, scale: values.scale as ScaleName, seed, periods: values.periods },
        (done, total, region) => progress(`membuat data: ${done}/${total} wilayah (${region})`),
      );
    } catch (e) {
      if (e instanceof RangeError && e.message.startsWith('periode')) throw new UsageError(e.message);
      throw e;
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
