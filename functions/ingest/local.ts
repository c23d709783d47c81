import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { LocalStore } from '#core/local-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { ingestUploads } from './batch.ts';
import { openIngestEngine } from './engine.ts';
import type { IngestContext, Upload } from './ingest.ts';
import type { TargetParts } from './key.ts';
import { printProfile } from './profile.ts';
import type { SubmissionReport } from './report.ts';
import { piiSalt } from './salt.ts';

/** Every file under the given files and folders, in a stable order (hidden files skipped). */
export async function listFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    const s = await stat(abs);
    if (s.isFile()) out.push(abs);
    else {
      const entries = await readdir(abs, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile() && !e.name.startsWith('.'))
        .map((e) => join(e.parentPath, e.name));
      out.push(...files.sort());
    }
  }
  return out;
}

interface LocalOptions {
  target?: TargetParts;
  threads?: number;
  onReport?: (r: SubmissionReport, i: number) => void;
}

/**
 * Ingest local files into a local lake, one after another, with one engine for the whole run.
 * Upload time is each file's modification time.
 */
export function ingestLocalFiles(
  lakeDir: string,
  files: string[],
  options: LocalOptions = {},
): Promise<SubmissionReport[]> {
  return ingestLocalDeliveries(lakeDir, [files], options);
}

/**
 * {@link ingestLocalFiles} for files that come in deliveries, as a worker of `pantau ingest --jobs` receives
 * them: each is ingested as it comes, with the same engine. `i` counts across deliveries.
 */
export async function ingestLocalDeliveries(
  lakeDir: string,
  deliveries: Iterable<string[]> | AsyncIterable<string[]>,
  options: LocalOptions = {},
): Promise<SubmissionReport[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'pantau-ingest-'));
  const duck = await openIngestEngine(scratch, { threads: options.threads });
  const root = new LocalStore(sep);
  const lake = new LocalStore(lakeDir);
  const ctx: IngestContext = {
    lake,
    duck,
    scratchDir: scratch,
    piiSalt: await piiSalt(lake),
    maxInvalidShare: (await loadMethodology()).methodology.submission.max_invalid_share,
    listUploads: true,
  };
  const reports: SubmissionReport[] = [];
  const files: string[] = [];
  async function* uploads(): AsyncGenerator<Upload[]> {
    for await (const delivery of deliveries) {
      files.push(...delivery);
      yield delivery.map((file) => ({
        store: root,
        key: file.slice(1).split(sep).join('/'),
        target: options.target,
      }));
    }
  }
  try {
    await ingestUploads(ctx, uploads(), (report, i) => {
      report.file = files[i]!;
      reports.push(report);
      options.onReport?.(report, i);
    });
  } finally {
    printProfile();
    duck.close();
    await rm(scratch, { recursive: true, force: true });
  }
  return reports;
}
