import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import { skm } from '#core/datasets/index.ts';
import { alternate, fmt, measure } from './measure.ts';

/** The SKM columns of the bench exports, in order (no response id: the key is derived). */
export const HEADER = Object.keys(skm.columns).filter((c) => c !== 'response_id');

/** A deterministic SKM row: realistic values, ~0.2 % invalid (score 5). */
export function row(i: number): (string | number)[] {
  const q = (k: number) => ((i * 7 + k * 13) % 17 === 0 ? 2 : 3 + ((i + k) % 2));
  const day = 1 + (i % 28);
  return [
    `U${String(i % 400).padStart(3, '0')}`,
    `Unit Layanan ${i % 400}`,
    'Perizinan',
    `${day}/08/2026`,
    ...Array.from({ length: 9 }, (_, k) => (i % 500 === 0 && k === 0 ? 5 : q(k))),
    i % 2 ? 'L' : 'P',
    18 + (i % 60),
    'SMA',
    'Swasta',
    `2026-08-${String(day).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}:00`,
  ];
}

/** A CSV export of `rows` SKM questionnaires (bench input). */
export async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER.join(',')}\n`);
  for (let i = 0; i < rows; i++) if (!out.write(`${row(i).join(',')}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** An XLSX export of `rows` SKM questionnaires, with a title row above the header (bench input). */
export async function writeXlsx(path: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
  const ws = wb.addWorksheet('SKM');
  ws.addRow(['Rekap Survei Kepuasan Masyarakat']).commit();
  ws.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
}

/** A whole `pantau ingest` process of a file into `lake` (emptied first), as a bench side. */
export const ingestInto = (lake: string) => (file: string) => () => {
  rmSync(lake, { recursive: true, force: true });
  const target = ['--dataset', 'skm', '--region', '31.71', '--period', '2026-Q3', '--json'];
  return measure('node', ['bin/pantau.js', 'ingest', file, '--lake', lake, ...target]);
};
/** The report `pantau ingest --json` printed last (its counts, for the bench line). */
export const reportOf = (stdout: string) =>
  JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    status: string;
    rows_accepted: number;
    rows_rejected: number;
  };
/** Each run's seconds, for the bench line. */
export const runsText = (xs: number[]) => xs.map((x) => fmt(x)).join(', ');

/**
 * The raw copy (`raw-copy.ts`) bundled into `dir`, so that its process starts without the TypeScript loader,
 * as `pantau`'s does (bin/cli-bundle.js): the two sides differ by their statements only.
 */
async function bundledRawCopy(dir: string): Promise<string> {
  const outfile = join(dir, 'raw-copy.mjs');
  await build({
    entryPoints: ['bench/raw-copy.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Ingest of a 2 M-row SKM CSV vs DuckDB's own unvalidated CSV→Parquet copy, both whole processes, alternating,
 * median of `runs`; and a 200 k-row XLSX.
 */
export async function benchIngest(
  dir: string,
  rows = 2_000_000,
  xlsxRows = 200_000,
  runs = 3,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const csv = join(dir, 'skm.csv');
  await writeCsv(csv, rows);
  const ingest = ingestInto(join(dir, 'lake'));
  const rawCopy = await bundledRawCopy(dir);
  const m = alternate(runs, {
    raw: () => measure('node', [rawCopy, csv, join(dir, 'raw.parquet')]),
    ours: ingest(csv),
  });
  const report = reportOf(m.ours.stdout);
  console.log(
    `ingest CSV ${rows.toLocaleString('en')} rows (${report.status}: ${report.rows_accepted} accepted, ${report.rows_rejected} rejected); median of ${runs}, alternating`,
  );
  console.log(
    `  duckdb raw COPY      ${fmt(m.raw.seconds)} s  peak RSS ${fmt(m.raw.peakRssMb, 0)} MB  (runs ${runsText(m.raw.all)})`,
  );
  console.log(
    `  pantau ingest        ${fmt(m.ours.seconds)} s  peak RSS ${fmt(m.ours.peakRssMb, 0)} MB  (runs ${runsText(m.ours.all)})`,
  );
  console.log(
    `  throughput ratio (raw time / ingest time) ${fmt(m.raw.seconds / m.ours.seconds)}  (goal >= 0.5)`,
  );
  console.log(
    `  peak RSS ratio (ingest / raw)            ${fmt(m.ours.peakRssMb / m.raw.peakRssMb)}  (goal <= 1.5)`,
  );
  console.log(
    `  CPU time ratio (raw / ingest)            ${fmt(m.raw.cpuSeconds / m.ours.cpuSeconds)}  (raw ${fmt(m.raw.cpuSeconds)} s, ingest ${fmt(m.ours.cpuSeconds)} s; steadier than wall time on a busy machine)`,
  );
  await benchXlsx(dir, xlsxRows, runs);
}

/** A 200 k-row XLSX ingest, alternating with the same rows as a CSV (what the engine's part costs alone). */
export async function benchXlsx(dir: string, xlsxRows = 200_000, runs = 3): Promise<void> {
  await mkdir(dir, { recursive: true });
  const ingest = ingestInto(join(dir, 'lake'));
  const xlsx = join(dir, 'skm.xlsx');
  await writeXlsx(xlsx, xlsxRows);
  // the same rows as a CSV, alternating: what the engine's part of the process costs without the reader
  const sameCsv = join(dir, 'skm-xlsx-rows.csv');
  await writeCsv(sameCsv, xlsxRows);
  const x = alternate(runs, { xlsx: ingest(xlsx), csv: ingest(sameCsv) });
  console.log(
    `ingest XLSX ${xlsxRows.toLocaleString('en')} rows: ${fmt(x.xlsx.seconds)} s, ${fmt(xlsxRows / x.xlsx.seconds / 1000, 0)} k rows/s, peak RSS ${fmt(x.xlsx.peakRssMb, 0)} MB (median of ${runs}; runs ${runsText(x.xlsx.all)}); CPU ${fmt(x.xlsx.cpuSeconds)} s`,
  );
  console.log(
    `  the same rows as CSV: ${fmt(x.csv.seconds)} s, peak RSS ${fmt(x.csv.peakRssMb, 0)} MB, CPU ${fmt(x.csv.cpuSeconds)} s (alternating with the XLSX)`,
  );
}
