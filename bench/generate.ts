import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScaleName } from '#generate/index.ts';
import { defaultJobs } from '#generate/pool.ts';
import { scaleOf } from '#generate/scale.ts';
import { alternate, fmt, type Measured, measure } from './measure.ts';

/** One whole `pantau generate` process into a fresh folder, removed afterwards. */
function generateOnce(scale: ScaleName, jobs: number): Measured {
  const out = mkdtempSync(join(tmpdir(), `pantau-bench-gen-${scale}-`));
  try {
    return measure('node', [
      'bin/pantau.js',
      'generate',
      '--out',
      out,
      '--scale',
      scale,
      '--jobs',
      String(jobs),
    ]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Generation per scale (`pantau generate`, whole processes), one thread against the default threads, three
 * alternating rounds: medians of wall and CPU time and peak RSS. `national` is left out by default: it
 * writes tens of millions of rows (minutes, GBs of disk).
 */
export async function benchGenerate(scales: readonly ScaleName[] = ['tiny', 'small']): Promise<void> {
  for (const scale of scales) {
    const jobs = Math.max(2, defaultJobs(scaleOf(scale).regions.length));
    const r = alternate(3, {
      one: () => generateOnce(scale, 1),
      many: () => generateOnce(scale, jobs),
    });
    console.log(`generate ${scale}: ${r.many.stdout.trim().replace(/; [\d.,]+ detik.*$/, '')}`);
    for (const [label, m] of [
      ['--jobs 1', r.one],
      [`--jobs ${jobs}`, r.many],
    ] as const)
      console.log(
        `  ${label}: wall ${fmt(m.seconds, 1)} s (runs ${m.all.map((s) => fmt(s, 1)).join(', ')}), ` +
          `CPU ${fmt(m.cpuSeconds, 1)} s, peak RSS ${fmt(m.peakRssMb, 0)} MB`,
      );
  }
}
