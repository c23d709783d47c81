import { mkdir } from 'node:fs/promises';
import { Duck } from '#core/duckdb.ts';
import { installIngestMacros } from './macros.ts';

/** DuckDB set up for ingest: macros installed, spilling to the scratch folder. */
export async function openIngestEngine(
  scratchDir: string,
  options: { threads?: number; memoryLimit?: string } = {},
): Promise<Duck> {
  await mkdir(scratchDir, { recursive: true });
  const threads =
    options.threads ?? (process.env.PANTAU_THREADS ? Number(process.env.PANTAU_THREADS) : undefined);
  const duck = await Duck.open({ ...options, threads, tempDirectory: scratchDir });
  await installIngestMacros(duck);
  return duck;
}
