import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { HEADER, ingestInto, row, runsText, writeCsv } from './ingest.ts';
import { alternate, fmt } from './measure.ts';

/** The bench's SKM rows as a JSON export: an array of objects, or one object a line (NDJSON). */
export async function writeJson(path: string, rows: number, format: 'array' | 'ndjson'): Promise<void> {
  const out = createWriteStream(path);
  if (format === 'array') out.write('[\n');
  for (let i = 0; i < rows; i++) {
    const values = row(i);
    const record = JSON.stringify(Object.fromEntries(HEADER.map((h, k) => [h, values[k]])));
    const end = format === 'ndjson' || i === rows - 1 ? '\n' : ',\n';
    if (!out.write(record + end)) await once(out, 'drain');
  }
  if (format === 'array') out.write(']\n');
  out.end();
  await once(out, 'finish');
}

/**
 * Ingest of the same SKM rows as a JSON array, as NDJSON and as a CSV (what the engine's part costs without
 * the conversion), whole processes, alternating, medians of `runs`: time, CPU per row and peak RSS.
 */
export async function benchJson(dir: string, rows = 200_000, runs = 3): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = {
    json: join(dir, 'skm.json'),
    ndjson: join(dir, 'skm.ndjson'),
    csv: join(dir, 'skm-json-rows.csv'),
  };
  await writeJson(files.json, rows, 'array');
  await writeJson(files.ndjson, rows, 'ndjson');
  await writeCsv(files.csv, rows);
  const ingest = ingestInto(join(dir, 'lake'));
  const m = alternate(runs, {
    json: ingest(files.json),
    ndjson: ingest(files.ndjson),
    csv: ingest(files.csv),
  });
  console.log(
    `ingest of ${rows.toLocaleString('en')} SKM rows in three forms; median of ${runs}, alternating`,
  );
  for (const [side, label] of [
    ['json', 'JSON array'],
    ['ndjson', 'NDJSON    '],
    ['csv', 'CSV       '],
  ] as const)
    console.log(
      `  ${label} ${fmt(m[side].seconds)} s  CPU ${fmt(m[side].cpuSeconds)} s (${fmt((m[side].cpuSeconds * 1e6) / rows, 1)} µs/row)  peak RSS ${fmt(m[side].peakRssMb, 0)} MB  (runs ${runsText(m[side].all)})`,
    );
}
