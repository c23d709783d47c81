import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { LocalStore } from '#core/local-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { openIngestEngine } from './engine.ts';
import { type IngestContext, ingestSubmission, type Upload } from './ingest.ts';
import type { TargetParts } from './key.ts';
import type { SubmissionReport } from './report.ts';

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

/** The salt for personal-data hashes: PANTAU_PII_SALT, else one generated once and kept in the lake folder. */
async function piiSalt(lakeDir: string): Promise<string> {
  if (process.env.PANTAU_PII_SALT) return process.env.PANTAU_PII_SALT;
  const file = join(lakeDir, 'config', 'pii-salt');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing) return existing.trim();
  const salt = randomBytes(32).toString('hex');
  await new LocalStore(lakeDir).write('config/pii-salt', salt);
  return salt;
}

/**
 * Ingest local files into a local lake, one after another, with one engine for the whole run.
 * Upload time is each file's modification time.
 */
export async function ingestLocalFiles(
  lakeDir: string,
  files: string[],
  options: {
    target?: TargetParts;
    threads?: number;
    onReport?: (r: SubmissionReport, i: number) => void;
  } = {},
): Promise<SubmissionReport[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'pantau-ingest-'));
  const duck = await openIngestEngine(scratch, { threads: options.threads });
  const root = new LocalStore(sep);
  const ctx: IngestContext = {
    lake: new LocalStore(lakeDir),
    duck,
    scratchDir: scratch,
    piiSalt: await piiSalt(lakeDir),
    maxInvalidShare: loadMethodology().methodology.submission.max_invalid_share,
  };
  const reports: SubmissionReport[] = [];
  try {
    for (const [i, file] of files.entries()) {
      const upload: Upload = { store: root, key: file.slice(1).split(sep).join('/'), target: options.target };
      const report = await ingestSubmission(ctx, upload);
      report.file = file;
      reports.push(report);
      options.onReport?.(report, i);
    }
  } finally {
    duck.close();
    await rm(scratch, { recursive: true, force: true });
  }
  return reports;
}
