import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fmt, type Measured, measure } from './measure.ts';
import { benchQuery } from './query.ts';
import { benchTransform } from './transform.ts';

const pantau = (args: string[]) => measure('node', ['bin/pantau.js', ...args]);

/** Latest period with curated data in a lake (`year=YYYY/quarter=N` folders). */
async function latestPeriod(lake: string): Promise<string> {
  const years = (await readdir(join(lake, 'curated', 'skm'))).filter((d) => d.startsWith('year=')).sort();
  const year = years.at(-1)!;
  const quarters = (await readdir(join(lake, 'curated', 'skm', year))).sort();
  return `${year.slice(5)}-Q${quarters.at(-1)!.slice(8)}`;
}

/**
 * The national run as one table: generation (when its input is missing), `pantau ingest --jobs 2` of the
 * whole tree into a fresh lake, `transform --all`, `evaluate` of the latest period, each a whole process
 * (time, CPU time with its workers, peak RSS of the largest process, share of the run); an analyst's query
 * on that lake; then one period's transform against one scan of the columns it reads, with each model's share.
 */
export async function benchNational(dir: string): Promise<void> {
  const input = join(dir, 'input');
  const lake = join(dir, 'lake');
  const steps: { step: string; m: Measured }[] = [];
  if (!existsSync(join(input, 'uploads')))
    steps.push({
      step: 'generate --scale national',
      m: pantau(['generate', '--out', input, '--scale', 'national']),
    });
  measure('rm', ['-rf', lake]);
  const entries = await readdir(join(input, 'uploads'), { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).length;
  steps.push({
    step: `ingest --jobs 2 (${files} files)`,
    m: pantau(['ingest', join(input, 'uploads'), '--lake', lake, '--jobs', '2', '--json']),
  });
  steps.push({ step: 'transform --all', m: pantau(['transform', '--lake', lake, '--all']) });
  const period = await latestPeriod(lake);
  steps.push({
    step: `evaluate --period ${period}`,
    m: pantau(['evaluate', '--lake', lake, '--period', period]),
  });
  const total = steps.reduce((a, s) => a + s.m.seconds, 0);
  console.log(
    `  ${'step'.padEnd(34)} ${'time'.padStart(9)} ${'CPU'.padStart(9)} ${'peak RSS'.padStart(10)} ${'share'.padStart(6)}`,
  );
  for (const { step, m } of steps)
    console.log(
      `  ${step.padEnd(34)} ${`${fmt(m.seconds, 1)} s`.padStart(9)} ${`${fmt(m.cpuSeconds, 1)} s`.padStart(9)} ${`${fmt(m.peakRssMb, 0)} MB`.padStart(10)} ${`${fmt((100 * m.seconds) / total, 0)} %`.padStart(6)}`,
    );
  console.log('  (goals: ingest <= 120 s; transform --all and evaluate at <= 2 GB peak RSS)');
  benchQuery(lake);
  await benchTransform({ lake, period });
}
