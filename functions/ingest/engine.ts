import { mkdir } from 'node:fs/promises';
import { Duck, defaultMemoryLimit } from '#core/duckdb.ts';
import { installIngestMacros } from './macros.ts';

/**
 * Memory for one local ingest engine, in MB: the copies stream and the CSV reader's buffer is fixed
 * (stage.ts), so 512 MB serves any file size (measured: 4 M rows at 539 MB peak RSS).
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
    // validation plans are kept and reused over a source table refilled per file (stage-source.ts)
    reusablePlans: true,
  });
  await installIngestMacros(duck);
  return duck;
}
