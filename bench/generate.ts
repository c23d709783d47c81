import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, type ScaleName } from '#generate/index.ts';

/**
 * Generation time and size per scale (`pantau generate`), printed one line per scale. `national` is left out
 * by default: it writes tens of millions of rows (minutes, GBs of disk).
 */
export async function benchGenerate(scales: readonly ScaleName[] = ['tiny', 'small']): Promise<void> {
  for (const scale of scales) {
    const out = mkdtempSync(join(tmpdir(), `pantau-bench-gen-${scale}-`));
    try {
      const s = await generate({ out, scale });
      const rows = Object.values(s.rows).reduce((a, b) => a + b, 0);
      const rss = process.memoryUsage().rss / 2 ** 20;
      console.log(
        `generate ${scale}: ${s.seconds.toFixed(1)} s, ${s.files} files, ${(s.bytes / 2 ** 20).toFixed(0)} MiB, ` +
          `${rows} rows (skm ${s.rows.skm ?? 0}), ${(rows / s.seconds / 1000).toFixed(0)} k rows/s, rss ${rss.toFixed(0)} MiB`,
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
}
