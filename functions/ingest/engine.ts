import { mkdir } from 'node:fs/promises';
import { Duck, defaultMemoryLimit } from '#core/duckdb.ts';
import { installIngestMacros } from './macros.ts';

/**
 * Memory for one local ingest engine, in MB. The order-preserving parallel copy buffers batches up to the
 * limit, so the limit is what bounds an ingest's memory on any file size (512 MB: about 650 MB peak RSS on a
 * 2 M-row CSV, as much as on a 500 k-row one); streaming copies need no more.
 */
const INGEST_MEMORY_MB = 512;

/** DuckDB set up for ingest: macros installed, spilling to the scratch folder. */
export async function openIngestEngine(
  scratchDir: string,
  options: { threads?: number; memoryLimit?: string } = {},
): Promise<Duck> {
  await mkdir(scratchDir, { recursive: true });
  const threads =
    options.threads ?? (process.env.PANTAU_THREADS ? Number(process.env.PANTAU_THREADS) : undefined);
  const duck = await Duck.open({
    threads,
    memoryLimit: options.memoryLimit ?? defaultMemoryLimit(INGEST_MEMORY_MB),
    tempDirectory: scratchDir,
  });
  await installIngestMacros(duck);
  return duck;
}
