import { createHash } from 'node:crypto';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DatasetId } from '#core/datasets/index.ts';
import { lake as keys } from '#core/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import { parsePeriod } from '#core/period.ts';
import type { ObjectStore } from '#core/store.ts';
import { openIngestEngine } from '#ingest/engine.ts';
import { type IngestContext, ingestSubmission } from '#ingest/ingest.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { HOME } from '../fixtures/hostile/case.ts';
import { complaintsCsv, skmCsv } from '../fixtures/hostile/rows.ts';

/** A local uploads store, a local lake, and one ingest engine for the whole test file. */
export interface Rig {
  uploads: LocalStore;
  lake: LocalStore;
  ctx: IngestContext;
  close(): void;
}

export async function openRig(dir: string, lake?: ObjectStore): Promise<Rig> {
  const scratch = join(dir, 'scratch');
  const duck = await openIngestEngine(scratch);
  const store = new LocalStore(join(dir, 'lake'));
  const ctx: IngestContext = {
    lake: lake ?? store,
    duck,
    scratchDir: scratch,
    piiSalt: 'uji-garam',
    maxInvalidShare: 0.05,
  };
  return { uploads: new LocalStore(join(dir, 'uploads')), lake: store, ctx, close: () => duck.close() };
}

/** Put an upload with a given upload time (the file's mtime). */
export async function putUpload(
  store: LocalStore,
  key: string,
  body: string | Buffer,
  at: Date,
): Promise<void> {
  const path = store.path(key);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, body);
  await utimes(path, at, at);
}

/** Upload and ingest in one go. */
export async function ingestAt(
  rig: Rig,
  key: string,
  body: string | Buffer,
  at: Date,
): Promise<SubmissionReport> {
  await putUpload(rig.uploads, key, body, at);
  return ingestSubmission(rig.ctx, { store: rig.uploads, key });
}

/** A valid export of `rows` rows whose bytes depend on `seed`. */
export const goodExport = (dataset: DatasetId, seed: number, rows = 20) =>
  dataset === 'complaints' ? complaintsCsv(rows, seed) : skmCsv(rows, { seed });

export const homeKey = (dataset: DatasetId, file: string, region: string = HOME.region) =>
  `uploads/${region}/${dataset}/${HOME.period}/${file}`;

/** sha256 of the curated object of (dataset, HOME), or null when there is none. */
export async function curatedHash(store: ObjectStore, dataset: DatasetId, region: string = HOME.region) {
  const key = keys.curatedKey(dataset, parsePeriod(HOME.period)!, region);
  if (!(await store.head(key))) return null;
  return createHash('sha256')
    .update(await store.readBytes(key))
    .digest('hex');
}

/** Minutes after a fixed instant: distinct, ordered upload times. */
export const minute = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 60_000);
