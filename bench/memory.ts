import { statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestInto, reportOf, runsText, writeCsv } from './ingest.ts';
import { alternate, fmt } from './measure.ts';

/**
 * Whether ingest memory stays bounded as a CSV grows: whole `pantau ingest` processes of a small and a
 * large SKM CSV (the large one ten times the rows), alternating, medians of `runs`; prints each one's peak
 * RSS and the ratio between them (near 1 when memory does not grow with the file).
 */
export async function benchMemory(
  dir: string,
  small = 1_000_000,
  large = 10_000_000,
  runs = 3,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = { small: join(dir, `skm-${small}.csv`), large: join(dir, `skm-${large}.csv`) };
  await writeCsv(files.small, small);
  await writeCsv(files.large, large);
  const ingest = ingestInto(join(dir, 'lake'));
  const m = alternate(runs, { small: ingest(files.small), large: ingest(files.large) });
  const mib = (file: string) => fmt(statSync(file).size / 2 ** 20, 0);
  for (const [side, rows] of [
    ['small', small],
    ['large', large],
  ] as const) {
    const report = reportOf(m[side].stdout);
    console.log(
      `  ${rows.toLocaleString('en').padStart(10)} rows (${mib(files[side])} MiB, ${report.status}, ${report.rows_accepted.toLocaleString('en')} accepted): ${fmt(m[side].seconds)} s, peak RSS ${fmt(m[side].peakRssMb, 0)} MB (runs ${runsText(m[side].all)} s)`,
    );
  }
  console.log(
    `  peak RSS ratio (${large / small}× the rows / the smaller file) ${fmt(m.large.peakRssMb / m.small.peakRssMb)}  (bounded: near 1)`,
  );
  await Promise.all(Object.values(files).map((f) => rm(f, { force: true })));
  await rm(join(dir, 'lake'), { recursive: true, force: true });
}
