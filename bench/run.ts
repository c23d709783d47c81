// `npm run bench [-- --national] [-- --only ingest|xlsx|memory|json|lambda|generate|demo|national|athena|load]`: every performance goal,
// measured on this machine, as ratios and figures (the transform ratio and an analyst's query run on the demo's lake).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { benchAthenaBytes } from './athena-bytes.ts';
import { benchGenerate } from './generate.ts';
import { benchIngest, benchXlsx } from './ingest.ts';
import { benchJson } from './json.ts';
import { benchLambdaLimits } from './lambda-limits.ts';
import { fmt, measure } from './measure.ts';
import { benchMemory } from './memory.ts';
import { benchNational } from './national.ts';
import { benchQuery } from './query.ts';
import { benchTransform } from './transform.ts';

const OUT = resolve('bench-output');
const national = process.argv.includes('--national');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const runs = (section: string) => only === undefined || only === section;
const demoLake = `${OUT}/demo`;

// The CLI's bundle (bin/cli-bundle.js) made before anything is timed, so that no measured process builds it.
measure('node', ['bin/pantau.js', '--help']);

if (runs('ingest')) {
  console.log('== ingest: 2,000,000-row SKM CSV vs DuckDB raw copy; 200,000-row XLSX');
  await benchIngest(`${OUT}/ingest`);
}

if (only === 'xlsx') {
  console.log('== ingest: 200,000-row XLSX (the XLSX part of --only ingest)');
  await benchXlsx(`${OUT}/ingest`);
}

if (only === 'memory') {
  console.log('== ingest memory: 1,000,000 and 10,000,000-row SKM CSVs');
  await benchMemory(`${OUT}/ingest`);
}

if (runs('json')) {
  console.log('\n== ingest: 200,000 SKM rows as a JSON array, as NDJSON and as CSV');
  await benchJson(`${OUT}/ingest`);
}

if (runs('lambda')) {
  console.log('\n== the largest upload one ingest Lambda takes');
  await benchLambdaLimits(`${OUT}/ingest`);
}

if (runs('generate')) {
  console.log('\n== generate (national: timed in the national table)');
  await benchGenerate(['tiny', 'small']);
}

if (runs('demo')) {
  console.log(
    '\n== demo at the default scale (goal <= 120 s on 2 cores), detection scored against the ground truth',
  );
  await rm(demoLake, { recursive: true, force: true });
  const demo = measure('node', ['bin/pantau.js', 'demo', '--lake', demoLake]);
  for (const line of demo.stdout.split('\n').filter((l) => /^\[\d\/4\]|kebenaran dasar/.test(l)))
    console.log(`  ${line.trim()}`);
  console.log(`  demo wall time ${fmt(demo.seconds, 1)} s, peak RSS ${fmt(demo.peakRssMb, 0)} MB`);
  benchQuery(demoLake);

  console.log('\n== transform of one period vs one scan of the columns it reads (goal <= 3x)');
  await benchTransform({ lake: demoLake });
}
if (national && runs('national')) {
  console.log('\n== national: generate, ingest --jobs 2, transform --all, evaluate (whole processes)');
  await benchNational(`${OUT}/national`);
}

if (runs('athena')) {
  console.log('\n== Athena: bytes scanned per model and period, as the scheduled job runs it');
  await benchAthenaBytes(national ? `${OUT}/national/lake` : demoLake);
}

const load = resolve('bench/load.ts');
if (existsSync(load) && runs('load')) {
  console.log('\n== deadline day: 552 regions x 3 datasets through the handler path');
  const { benchDeadlineDay } = (await import(load)) as { benchDeadlineDay: () => Promise<void> };
  await benchDeadlineDay();
}
