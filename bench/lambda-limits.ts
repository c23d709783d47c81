import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LIMITS } from '#ingest/limits.ts';
import { writeCsv, writeXlsx } from './ingest.ts';
import { fmt, measure } from './measure.ts';

/** The ingest function's sizing (infra/ingest.ts defaults). */
const LAMBDA = { timeoutS: 900, memoryMb: 3008, tmpMiB: 10240 };
/** Lambda gives one vCPU per 1,769 MB of memory. */
const LAMBDA_VCPUS = LAMBDA.memoryMb / 1769;
/** Time kept back for download, report, ledger and the SQS response. */
const MARGIN_S = 60;
const MiB = 1024 * 1024;

async function bytesUnder(dir: string, ext: string): Promise<number> {
  const names = (await readdir(dir, { recursive: true }).catch(() => [] as string[])).filter((f) =>
    f.endsWith(ext),
  );
  const sizes = await Promise.all(names.map((f) => stat(join(dir, f))));
  return sizes.reduce((n, s) => n + s.size, 0);
}

/**
 * The largest CSV and XLSX one ingest invocation can take, from a measured run here: rows per second
 * (scaled to the function's vCPUs where the work is parallel: DuckDB for CSV; the XLSX reader is one
 * thread), bytes per row of the file and of its Parquet, and peak memory; then capped by the file limits
 * the readers enforce (limits.ts). Prints what limits each format.
 */
export async function benchLambdaLimits(dir: string, csvRows = 1_000_000, xlsxRows = 100_000): Promise<void> {
  const cores = Number(process.env.BENCH_CORES ?? 2);
  const target = ['--dataset', 'skm', '--region', '31.71', '--period', '2026-Q3', '--json'];
  const formats = [
    {
      name: 'CSV',
      file: join(dir, 'limits.csv'),
      rows: csvRows,
      write: writeCsv,
      scale: Math.min(1, LAMBDA_VCPUS / cores),
      cap: Number.POSITIVE_INFINITY,
    },
    {
      name: 'XLSX',
      file: join(dir, 'limits.xlsx'),
      rows: xlsxRows,
      write: writeXlsx,
      scale: 1,
      cap: LIMITS.maxSheetRows - 2,
    },
  ];
  console.log(
    `Lambda ingest: ${LAMBDA.memoryMb} MB (${fmt(LAMBDA_VCPUS)} vCPU), ${LAMBDA.timeoutS} s, /tmp ${LAMBDA.tmpMiB} MiB, one file per invocation; measured here on ${cores} cores`,
  );
  for (const f of formats) {
    await f.write(f.file, f.rows);
    const lake = join(dir, `limits-lake-${f.name}`);
    await rm(lake, { recursive: true, force: true });
    const m = measure('node', ['bin/pantau.js', 'ingest', f.file, '--lake', lake, ...target]);
    const fileBytes = (await stat(f.file)).size;
    const parquetBytes = await bytesUnder(join(lake, 'curated'), '.parquet');
    const rate = (f.rows / m.seconds) * f.scale;
    const byTime = rate * (LAMBDA.timeoutS - MARGIN_S);
    const byFile = LIMITS.maxFileBytes / (fileBytes / f.rows);
    const byTmp = (LAMBDA.tmpMiB * MiB) / ((fileBytes + 2 * parquetBytes) / f.rows);
    const limits = { time: byTime, 'file-size limit': byFile, '/tmp': byTmp, 'format maximum': f.cap };
    const [by, rows] = Object.entries(limits).sort((a, b) => a[1] - b[1])[0]!;
    console.log(
      `  ${f.name} ${f.rows.toLocaleString('en')} rows (${fmt(fileBytes / MiB, 0)} MiB): ${fmt(m.seconds, 1)} s, peak RSS ${fmt(m.peakRssMb, 0)} MB → ${fmt(rate / 1000, 0)} k rows/s on Lambda`,
    );
    console.log(
      `    largest that fits: ${Math.floor(rows).toLocaleString('en')} rows ≈ ${fmt((rows * fileBytes) / f.rows / MiB, 0)} MiB, limited by ${by} (time allows ${Math.floor(byTime).toLocaleString('en')} rows)`,
    );
  }
}
