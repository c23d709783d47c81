import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatasetId } from '#core/datasets/index.ts';
import { LocalStore } from '#core/local-store.ts';
import { ingestUploads } from '#ingest/batch.ts';
import { openIngestEngine } from '#ingest/engine.ts';
import { type IngestContext, ingestSubmission, type Upload } from '#ingest/ingest.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { stageBatch } from '#ingest/stage.ts';
import {
  COMPLAINT_HEADER,
  complaintRow,
  complaintsCsv,
  delimited,
  SKM_HEADER,
  skmCsv,
  skmRow,
} from '../fixtures/hostile/rows.ts';
import { homeKey, minute, putUpload } from '../reliability/harness.ts';
import { tempDir } from '../support/lake.ts';

/**
 * Small exports of one shape are validated together (batch.ts): every outcome must be what ingesting them
 * one at a time gives. Each case ingests the same uploads both ways, into lakes of their own, and compares
 * the reports, in order, and every object written: curated rows in file order with the file's metadata,
 * rejected-row files byte for byte, reports and ledger entries without their clock.
 */

// the real stageBatch, watched: how many exports each batch validated
vi.mock('#ingest/stage.ts', async (original) => {
  const real = await original<typeof import('#ingest/stage.ts')>();
  return { ...real, stageBatch: vi.fn(real.stageBatch) };
});

const json = (rows: string[][]) =>
  JSON.stringify(rows.map((cells) => Object.fromEntries(SKM_HEADER.map((h, k) => [h, cells[k]]))));
const skmRows = (n: number, seed: number) => Array.from({ length: n }, (_, i) => skmRow(i, seed));

/** Uploads covering each way a small export ends: [dataset, region, file name, body]. */
const UPLOADS: [DatasetId, string, string, string][] = [
  ['skm', '32.01', 'skm-a.csv', skmCsv(30, { seed: 1 })],
  ['skm', '32.02', 'skm-b.csv', skmCsv(25, { seed: 2 })],
  // more rows than one vector of the engine (2,048): a batch's rows, many exports' among them, in order
  ['skm', '32.10', 'skm-besar.csv', skmCsv(3000, { seed: 10 })],
  // the same bytes again under another name, in the same batch: a duplicate of the first
  ['skm', '32.01', 'skm-a-lagi.csv', skmCsv(30, { seed: 1 })],
  // a later upload for the same units of a region: replaces them
  ['skm', '32.02', 'skm-b-revisi.csv', skmCsv(25, { seed: 3 })],
  // invalid rows: a score out of range (accepted with the row rejected), and most rows bad (rejected)
  [
    'skm',
    '32.03',
    'skm-satu-salah.csv',
    skmCsv(40, { seed: 4, edit: (c, i) => (i === 7 ? [...c.slice(0, 5), '9', ...c.slice(6)] : c) }),
  ],
  [
    'skm',
    '32.04',
    'skm-banyak-salah.csv',
    skmCsv(20, { seed: 5, edit: (c) => [...c.slice(0, 4), 'x', ...c.slice(5)] }),
  ],
  // unit codes taken from the unit's name
  [
    'skm',
    '32.05',
    'skm-tanpa-kode.csv',
    skmCsv(12, { seed: 6, edit: (c, i) => (i % 3 ? ['', ...c.slice(1)] : c) }),
  ],
  // no rows: a nihil report, which no batch writes rows for
  ['skm', '32.06', 'skm-nihil.csv', skmCsv(0)],
  // a blank line: the rows below it move down one
  ['skm', '32.07', 'skm-baris-kosong.csv', skmCsv(10, { seed: 7 }).replace(/\n/, '\n\n')],
  // conversions (rows numbered by the conversion)
  ['skm', '32.08', 'skm-a.json', json(skmRows(15, 8))],
  ['skm', '32.09', 'skm-b.json', json(skmRows(9, 9))],
  // complaints: personal data hashed, a repeated key, and a clean file
  ['complaints', '32.01', 'lapor-a.csv', complaintsCsv(20, 1)],
  [
    'complaints',
    '32.02',
    'lapor-ulang.csv',
    delimited([
      [...COMPLAINT_HEADER],
      ...Array.from({ length: 20 }, (_, i) => complaintRow(i === 19 ? 3 : i, 2)),
    ]),
  ],
  ['complaints', '32.03', 'lapor-b.csv', complaintsCsv(8, 3)],
];

let tmp: Awaited<ReturnType<typeof tempDir>>;
let uploads: LocalStore;
let keys: string[];
const contexts: IngestContext[] = [];

beforeAll(async () => {
  tmp = await tempDir('pantau-batch-');
  uploads = new LocalStore(join(tmp.dir, 'uploads'));
  keys = [];
  for (const [i, [dataset, region, name, body]] of UPLOADS.entries()) {
    const key = homeKey(dataset, name, region);
    await putUpload(uploads, key, body, minute(i));
    keys.push(key);
  }
});
afterAll(async () => {
  for (const ctx of contexts) ctx.duck.close();
  await tmp?.cleanup();
});

async function context(name: string): Promise<IngestContext> {
  const scratch = join(tmp.dir, name, 'scratch');
  const ctx: IngestContext = {
    lake: new LocalStore(join(tmp.dir, name, 'lake')),
    duck: await openIngestEngine(scratch),
    scratchDir: scratch,
    piiSalt: 'uji-garam',
    maxInvalidShare: 0.05,
  };
  contexts.push(ctx);
  return ctx;
}

const withoutClock = <T extends object>({ processed_at: _, ...rest }: T & { processed_at?: string }) => rest;

/** Every object of a lake: curated files as rows in file order and metadata; JSON without clock or etag. */
async function contents(ctx: IngestContext, root: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const name = relative(root, file);
    if (name.endsWith('.parquet'))
      out[name] = {
        rows: await ctx.duck.rows(`SELECT * FROM read_parquet('${file}')`),
        metadata: await ctx.duck.rows(
          `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${file}') ORDER BY k`,
        ),
      };
    else if (name.endsWith('.json')) {
      // a local object's etag is its file's (size and times): not part of what was written
      const { etag: _, ...object } = withoutClock(JSON.parse(await readFile(file, 'utf8')));
      out[name] = object;
    } else out[name] = await readFile(file, 'utf8');
  }
  return out;
}

async function oneAtATime(name: string) {
  const ctx = await context(name);
  const reports: SubmissionReport[] = [];
  for (const key of keys) reports.push(await ingestSubmission(ctx, { store: uploads, key }));
  return { reports: reports.map(withoutClock), lake: await contents(ctx, join(tmp.dir, name, 'lake')) };
}

/** The uploads in batches, in one delivery; or in two, the second from `splitAt` on. */
async function batched(name: string, splitAt = keys.length) {
  const ctx = await context(name);
  const reports: SubmissionReport[] = [];
  const deliveries = [keys.slice(0, splitAt), keys.slice(splitAt)].map((part): Upload[] =>
    part.map((key) => ({ store: uploads, key })),
  );
  await ingestUploads(ctx, deliveries, (r, i) => {
    expect(i).toBe(reports.length);
    reports.push(r);
  });
  // a batch's staged rows are dropped once its uploads are completed
  expect(
    await ctx.duck.rows("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'batch%'"),
  ).toEqual([]);
  return { reports: reports.map(withoutClock), lake: await contents(ctx, join(tmp.dir, name, 'lake')) };
}

describe('small exports validated in batches', () => {
  it('give the outcomes, reports and lake objects of one at a time', async () => {
    vi.mocked(stageBatch).mockClear();
    const alone = await oneAtATime('alone');
    expect(vi.mocked(stageBatch)).not.toHaveBeenCalled();
    const together = await batched('together');
    // the cases do what they are here for
    const statuses = alone.reports.map((r) => r.status);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'rejected')).toHaveLength(1);
    expect(alone.reports.some((r) => r.nihil)).toBe(true);
    expect(alone.reports.some((r) => r.rows_rejected === 1 && r.status === 'accepted')).toBe(true);
    expect(Object.keys(alone.lake).some((k) => k.startsWith('quarantine/'))).toBe(true);
    // two shapes: SKM (CSVs and JSON conversions of one header alike) and complaints
    const sizes = vi.mocked(stageBatch).mock.calls.map(([, exports]) => exports.length);
    expect(sizes.sort((a, b) => a - b)).toEqual([3, 12]);
    // each batch validated its exports (a failed one leaves them to their own copies: the same lake)
    expect(vi.mocked(stageBatch).mock.settledResults.map((r) => r.type)).toEqual(['fulfilled', 'fulfilled']);
    expect(together.reports).toEqual(alone.reports);
    expect(together.lake).toEqual(alone.lake);
  });

  it("validates a shape's later batch on the same engine as its first", async () => {
    vi.mocked(stageBatch).mockClear();
    const alone = await oneAtATime('alone-3');
    const twice = await batched('together-3', 6);
    const sizes = vi.mocked(stageBatch).mock.calls.map(([, exports]) => exports.length);
    expect(sizes).toEqual([6, 6, 3]);
    expect(vi.mocked(stageBatch).mock.settledResults.map((r) => r.type)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(twice.reports).toEqual(alone.reports);
    expect(twice.lake).toEqual(alone.lake);
  });

  it('validates each export alone when a batch fails, with the same outcomes', async () => {
    vi.mocked(stageBatch).mockRejectedValue(new Error('batch failed'));
    try {
      const alone = await oneAtATime('alone-2');
      const fallen = await batched('together-2');
      expect(vi.mocked(stageBatch)).toHaveBeenCalled();
      expect(fallen.reports).toEqual(alone.reports);
      expect(fallen.lake).toEqual(alone.lake);
    } finally {
      vi.mocked(stageBatch).mockReset();
    }
  });
});
