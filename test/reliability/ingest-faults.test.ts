import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { ingestSubmission } from '#ingest/ingest.ts';
import { skmCsv } from '../fixtures/hostile/rows.ts';
import { queryLake, tempDir } from '../support/lake.ts';
import { type Call, FaultyStore, InjectedCrash } from './faulty-store.ts';
import { homeKey, minute, openRig, putUpload, type Rig } from './harness.ts';

const A = skmCsv(20, { seed: 1 });
/** 30 rows, one invalid (so a quarantine file is written too): 29 accepted. */
const B = skmCsv(30, { seed: 2, edit: (c, i) => (i === 5 ? c.map((v, k) => (k === 4 ? '9' : v)) : c) });
const KEY_A = homeKey('skm', 'a.csv');
const KEY_B = homeKey('skm', 'b.csv');

let tmp: Awaited<ReturnType<typeof tempDir>>;
let rig: Rig;
let trace: Call[];
let lakeNo = 0;

/** A fresh lake holding A (accepted), and a plain store on it. */
async function lakeWithA(): Promise<LocalStore> {
  const store = new LocalStore(join(tmp.dir, `lake-${lakeNo++}`));
  const report = await ingestSubmission({ ...rig.ctx, lake: store }, { store: rig.uploads, key: KEY_A });
  expect(report.status).toBe('accepted');
  return store;
}

const visible = (root: string) =>
  queryLake<{ id: string; n: string }>(
    root,
    'SELECT submission_id AS id, count(*) AS n FROM skm_responses GROUP BY 1',
  );
const ledger = (root: string) =>
  queryLake<{ id: string; status: string; rows: string }>(
    root,
    'SELECT submission_id AS id, status, rows_accepted AS rows FROM submissions ORDER BY uploaded_at',
  );

beforeAll(async () => {
  tmp = await tempDir('pantau-faults-');
  rig = await openRig(tmp.dir);
  await putUpload(rig.uploads, KEY_A, A, minute(1));
  await putUpload(rig.uploads, KEY_B, B, minute(2));
  const store = await lakeWithA();
  const faulty = new FaultyStore(store);
  expect(
    (await ingestSubmission({ ...rig.ctx, lake: faulty }, { store: rig.uploads, key: KEY_B })).status,
  ).toBe('accepted');
  trace = faulty.calls;
});
afterAll(async () => {
  rig?.close();
  await tmp?.cleanup();
});

describe('ingest: a crash at every step, then a replay', () => {
  it('traces the steps: ledger check, quarantine, switch, report, its index entry, ledger last', () => {
    expect(trace.map((c) => `${c.op} ${c.key.split('/')[0]}`)).toEqual([
      'head ledger',
      'upload quarantine',
      'head curated',
      // unit-scoped replacement (SKM): the current file is read to keep the region's other units
      'download curated',
      'upload curated',
      'write reports',
      'write index',
      'write ledger',
    ]);
  });

  for (const when of ['before', 'after'] as const) {
    it(`survives a crash ${when} each step and replays to exactly one copy of B`, async () => {
      const survived: string[] = [];
      for (const [call, step] of trace.entries()) {
        const store = await lakeWithA();
        const [a] = await visible(store.root);
        const crashing = { ...rig.ctx, lake: new FaultyStore(store, { call, when }) };
        await expect(ingestSubmission(crashing, { store: rig.uploads, key: KEY_B })).rejects.toBeInstanceOf(
          InjectedCrash,
        );
        // mid-crash: a query sees A whole or B whole, never a mix; the ledger never runs ahead of the data
        const seen = await visible(store.root);
        expect([[a], [{ id: seen[0]?.id, n: '29' }]]).toContainEqual(seen);
        const entries = await ledger(store.root);
        if (entries.some((e) => e.id !== a!.id)) expect(seen[0]?.n).toBe('29');
        // replay with the store healthy again: the same engine, the same file
        const again = await ingestSubmission({ ...rig.ctx, lake: store }, { store: rig.uploads, key: KEY_B });
        expect(['accepted', 'duplicate']).toContain(again.status);
        expect(await visible(store.root)).toEqual([{ id: again.submission_id, n: '29' }]);
        expect(await ledger(store.root)).toEqual([
          { id: a!.id, status: 'accepted', rows: '20' },
          { id: again.submission_id, status: 'accepted', rows: '29' },
        ]);
        const quarantine = await store.readBytes(`quarantine/skm/2026-Q3/32.73/${again.submission_id}.csv`);
        expect(quarantine.toString().trim().split('\n')).toHaveLength(2);
        const leftovers = (await readdir(store.root, { recursive: true })).filter((f) =>
          /\.(tmp|lock)$/.test(f),
        );
        expect(leftovers).toEqual([]);
        survived.push(`${when} ${step.op} ${step.key}`);
      }
      expect(survived).toHaveLength(trace.length);
    });
  }
});
