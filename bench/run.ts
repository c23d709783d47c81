// `npm run bench [-- --national]`: every performance goal, measured on this machine, as ratios and figures.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { benchAthenaBytes } from './athena-bytes.ts';
import { benchGenerate } from './generate.ts';
import { benchIngest } from './ingest.ts';
import { benchLambdaLimits } from './lambda-limits.ts';
import { fmt, measure } from './measure.ts';
import { benchTransform } from './transform.ts';

const OUT = resolve('bench-output');
const national = process.argv.includes('--national');

console.log('== ingest: 2,000,000-row SKM CSV vs DuckDB raw copy; 200,000-row XLSX');
await benchIngest(`${OUT}/ingest`);

console.log('\n== the largest upload one ingest Lambda takes');
await benchLambdaLimits(`${OUT}/ingest`);

console.log('\n== generate');
await benchGenerate(national ? ['tiny', 'small', 'national'] : ['tiny', 'small']);

console.log(
  '\n== demo at the default scale (goal <= 180 s on 2 cores), detection scored against the ground truth',
);
const demoLake = `${OUT}/demo`;
await rm(demoLake, { recursive: true, force: true });
const demo = measure('node', ['bin/pantau.js', 'demo', '--lake', demoLake]);
for (const line of demo.stdout.split('\n').filter((l) => /^\[\d\/4\]|kebenaran dasar/.test(l)))
  console.log(`  ${line.trim()}`);
console.log(`  demo wall time ${fmt(demo.seconds, 1)} s, peak RSS ${fmt(demo.peakRssMb, 0)} MB`);

console.log('\n== transform of one period vs one scan of the columns it reads (goal <= 3x)');
await benchTransform({ lake: demoLake });
if (national) {
  const nat = `${OUT}/national`;
  if (!existsSync(`${nat}/lake`)) {
    measure('node', ['bin/pantau.js', 'generate', '--out', `${nat}/input`, '--scale', 'national']);
    measure('node', ['bin/pantau.js', 'ingest', `${nat}/input/uploads`, '--lake', `${nat}/lake`, '--json']);
  }
  await benchTransform({ lake: `${nat}/lake` });
}

console.log('\n== Athena: bytes scanned per model and period, as the scheduled job runs it');
await benchAthenaBytes(national ? `${OUT}/national/lake` : demoLake);

const load = resolve('bench/load.ts');
if (existsSync(load)) {
  console.log('\n== deadline day: 552 regions x 3 datasets through the handler path');
  const { benchDeadlineDay } = (await import(load)) as { benchDeadlineDay: () => Promise<void> };
  await benchDeadlineDay();
}
