import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Duck } from '#core/duckdb.ts';
import { lake as keys } from '#core/lake.ts';
import type { LedgerEntry } from '#core/ledger.ts';
import { parsePeriod } from '#core/period.ts';
import type { ObjectStore } from '#core/store.ts';
import { openIngestEngine } from '#ingest/engine.ts';
import { ingestSubmission } from '#ingest/ingest.ts';
import { skmCsv } from '../fixtures/hostile/rows.ts';
import { tempDir } from '../support/lake.ts';
import { type Handler, lambdaContext, loadHandler, type S3Rig, sqsRecordFor, startS3Rig } from './s3.ts';

const PERIOD = parsePeriod('2026-Q3')!;
let rig: S3Rig;
let handler: Handler;
let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  tmp = await tempDir('pantau-s3-rel-');
  rig = await startS3Rig();
  handler = await loadHandler();
});
afterAll(async () => {
  await rig?.s3.stop();
  await tmp?.cleanup();
});

/** Region, submission and row count of a curated object. */
async function curated(store: ObjectStore, region: string) {
  const file = join(tmp.dir, `${region}-${Math.random()}.parquet`);
  await store.download(keys.curatedKey('skm', PERIOD, region), file);
  const duck = await Duck.open({ threads: 1 });
  try {
    return await duck.rows<{ region_code: string; submission_id: string; n: string }>(
      'SELECT region_code, submission_id, count(*) AS n FROM read_parquet($file) GROUP BY ALL',
      { file },
    );
  } finally {
    duck.close();
  }
}

async function ledger(store: ObjectStore, prefix: string): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  for await (const o of store.list(prefix)) out.push(JSON.parse((await store.readBytes(o.key)).toString()));
  return out;
}

describe('ingest handler under a real batch, hostile keys and racing versions (s3rver)', () => {
  it('processes a batch of five regions together, each region getting exactly its own rows', async () => {
    const regions = ['31.71', '32.73', '33.74', '35.78', '51.71'];
    const records = [];
    for (const [i, region] of regions.entries()) {
      const key = `uploads/${region}/skm/${PERIOD.id}/batch.csv`;
      await rig.uploads.write(key, skmCsv(200 + i * 37, { seed: i }));
      records.push(sqsRecordFor(`m-${region}`, key));
    }
    expect((await handler({ Records: records }, lambdaContext)).batchItemFailures).toEqual([]);
    for (const [i, region] of regions.entries()) {
      const [entry] = await ledger(rig.lake, keys.ledgerSubmissionPrefix('skm', PERIOD, region));
      expect(entry).toMatchObject({ status: 'accepted', rows_accepted: 200 + i * 37 });
      expect(await curated(rig.lake, region)).toEqual([
        { region_code: region, submission_id: entry!.submission_id, n: String(200 + i * 37) },
      ]);
    }
  });

  it('rejects a key that smuggles another region below the uploader prefix, with a report', async () => {
    const key = `uploads/31.71/x/52.71/skm/${PERIOD.id}/f.csv`;
    await rig.uploads.write(key, skmCsv(20, { seed: 77 }));
    expect(
      (await handler({ Records: [sqsRecordFor('smuggle', key)] }, lambdaContext)).batchItemFailures,
    ).toEqual([]);
    expect(await rig.lake.head(keys.curatedKey('skm', PERIOD, '52.71'))).toBeUndefined();
    const invalid = await ledger(rig.lake, 'ledger/invalid/');
    const entry = invalid.find((e) => e.source_key === key);
    expect(entry?.errors.join(' ')).toMatch(/Kunci unggahan tidak sah/);
    // the officer who uploaded under uploads/31.71/ can read the report (reports/31.71/…, no `_` folder)
    expect(entry?.report_key).toMatch(/^reports\/31\.71\/invalid\/[0-9a-f]+\.json$/);
    expect(await rig.lake.head(entry!.report_key)).toBeDefined();
  });

  it('rejects a region the uploader identity does not carry', async () => {
    const key = `uploads/52.71/skm/${PERIOD.id}/own.csv`;
    await rig.uploads.write(key, skmCsv(20, { seed: 78 }));
    const duck = await openIngestEngine(join(tmp.dir, 'identity'));
    try {
      const ctx = {
        lake: rig.lake,
        duck,
        scratchDir: join(tmp.dir, 'identity'),
        piiSalt: 's',
        maxInvalidShare: 0.05,
      };
      const foreign = await ingestSubmission(ctx, { store: rig.uploads, key, identityRegion: '31.71' });
      expect(foreign.status).toBe('rejected');
      expect(foreign.errors.join(' ')).toMatch(/bukan wilayah pengunggah/);
      expect(await rig.lake.head(keys.curatedKey('skm', PERIOD, '52.71'))).toBeUndefined();
      const own = await ingestSubmission(ctx, { store: rig.uploads, key, identityRegion: '5271' });
      expect(own).toMatchObject({ status: 'accepted', region_code: '52.71' });
    } finally {
      duck.close();
    }
  });

  it('racing versions of one region and period on S3: exactly the newest upload stays curated', async () => {
    const region = '36.71';
    const keysOf = [0, 1, 2, 3].map((v) => `uploads/${region}/skm/${PERIOD.id}/versi-${v}.csv`);
    for (const [v, key] of keysOf.entries()) {
      await rig.uploads.write(key, skmCsv(30 + v, { seed: 300 + v }));
      if (v < keysOf.length - 1) await new Promise((r) => setTimeout(r, 1100)); // LastModified has 1 s resolution
    }
    const workers = await Promise.all(
      keysOf.map(async (_, w) => {
        const scratchDir = join(tmp.dir, `worker-${w}`);
        return { scratchDir, duck: await openIngestEngine(scratchDir) };
      }),
    );
    try {
      const order = [2, 0, 3, 1];
      const reports = await Promise.all(
        order.map((v, w) => {
          const ctx = { lake: rig.lake, ...workers[w]!, piiSalt: 's', maxInvalidShare: 0.05 };
          return ingestSubmission(ctx, { store: rig.uploads, key: keysOf[v]! });
        }),
      );
      const newest = reports[order.indexOf(3)]!;
      expect(reports.every((r) => r.status === 'accepted')).toBe(true);
      expect(await curated(rig.lake, region)).toEqual([
        { region_code: region, submission_id: newest.submission_id, n: '33' },
      ]);
      expect(await ledger(rig.lake, keys.ledgerSubmissionPrefix('skm', PERIOD, region))).toHaveLength(4);
    } finally {
      for (const w of workers) w.duck.close();
    }
  });
});
