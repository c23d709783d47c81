import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { ingestSubmission } from '#ingest/ingest.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { COMPLAINT_HEADER, complaintsCsv, delimited, SKM_HEADER, skmRow } from '../fixtures/hostile/rows.ts';
import { FaultyStore, InjectedCrash } from '../reliability/faulty-store.ts';
import { homeKey, minute, openRig, putUpload, type Rig } from '../reliability/harness.ts';
import { queryLake, tempDir } from '../support/lake.ts';

/** An SKM export of one unit: `n` questionnaires, all with that unit's code. */
const unitFile = (unit: string, n: number, seed: number) =>
  delimited([
    [...SKM_HEADER],
    ...Array.from({ length: n }, (_, i) => [unit, `Unit ${unit}`, ...skmRow(i, seed).slice(2)]),
  ]);

const FKP_HEADER =
  'Kode Unit,Tanggal Pelaksanaan,Pengguna Layanan,Akademisi/Pakar,Instansi Terkait,Ormas/LSM,Media Massa,Jumlah Kesepakatan,Jumlah RTL,RTL Selesai,Berita Acara';
const fkpFile = (unit: string, n: number) =>
  [FKP_HEADER, ...Array.from({ length: n }, (_, i) => `${unit},1${i}/08/2026,10,1,2,1,0,3,2,1,Ya`)].join(
    '\n',
  );

let tmp: Awaited<ReturnType<typeof tempDir>>;
let rig: Rig;
let lakes = 0;
beforeAll(async () => {
  tmp = await tempDir('pantau-replace-');
  rig = await openRig(tmp.dir);
});
afterAll(async () => {
  rig?.close();
  await tmp?.cleanup();
});

/** A fresh lake and a function ingesting an upload (put at `minute(at)`) into it. */
function freshLake() {
  const lake = new LocalStore(join(tmp.dir, `lake-${lakes++}`));
  const ingest = async (dataset: 'skm' | 'fkp' | 'complaints', file: string, body: string, at: number) => {
    const key = homeKey(dataset, file);
    await putUpload(rig.uploads, key, body, minute(at));
    return ingestSubmission({ ...rig.ctx, lake }, { store: rig.uploads, key });
  };
  return { lake, ingest };
}

const byUnit = (root: string, table = 'skm_responses') =>
  queryLake<{ unit: string; n: number }>(
    root,
    `SELECT unit_id AS unit, count(*)::INTEGER AS n FROM ${table} GROUP BY 1 ORDER BY 1`,
  );

describe('unit-scoped replacement (SKM, FKP)', () => {
  for (const order of [
    ['a', 'b'],
    ['b', 'a'],
  ] as const) {
    it(`keeps both units' files whatever the order (${order.join(' then ')})`, async () => {
      const { lake, ingest } = freshLake();
      const files = { a: unitFile('U-A', 8, 1), b: unitFile('U-B', 6, 2) };
      const reports: Record<string, SubmissionReport> = {};
      for (const [i, f] of order.entries()) reports[f] = await ingest('skm', `${f}.csv`, files[f], i + 1);
      expect(await byUnit(lake.root)).toEqual([
        { unit: 'U-A', n: 8 },
        { unit: 'U-B', n: 6 },
      ]);
      const second = reports[order[1]]!;
      expect(second.units).toEqual({
        replaced: [order[1] === 'a' ? 'U-A' : 'U-B'],
        kept: [order[1] === 'a' ? 'U-B' : 'U-A'],
        superseded: [],
      });
      expect(second.summary).toMatch(
        /Data unit U-[AB] diganti dengan berkas ini\. Data unit lain tetap: U-[AB]\./,
      );
    });
  }

  it('writes the same curated bytes whichever unit arrives first', async () => {
    const files = { a: unitFile('U-A', 8, 1), b: unitFile('U-B', 6, 2) };
    const written: Buffer[] = [];
    for (const order of [
      ['a', 'b'],
      ['b', 'a'],
    ] as const) {
      const { lake, ingest } = freshLake();
      let key = '';
      for (const f of order)
        key = (await ingest('skm', `${f}.csv`, files[f], f === 'a' ? 1 : 2)).curated_key!;
      written.push(await lake.readBytes(key));
    }
    expect(written[0]!.equals(written[1]!)).toBe(true);
  });

  it('replaces only the re-submitted unit; an older upload processed later never wins', async () => {
    const { lake, ingest } = freshLake();
    await ingest('skm', 'a.csv', unitFile('U-A', 8, 1), 10);
    await ingest('skm', 'b.csv', unitFile('U-B', 6, 2), 11);
    const a2 = await ingest('skm', 'a2.csv', unitFile('U-A', 5, 3), 12);
    expect(a2.units).toEqual({ replaced: ['U-A'], kept: ['U-B'], superseded: [] });
    const old = await ingest('skm', 'a0.csv', unitFile('U-A', 9, 4), 5);
    expect(old).toMatchObject({ status: 'accepted', superseded_on_arrival_by: a2.submission_id });
    expect(old.units).toEqual({ replaced: [], kept: ['U-A', 'U-B'], superseded: ['U-A'] });
    expect(await byUnit(lake.root)).toEqual([
      { unit: 'U-A', n: 5 },
      { unit: 'U-B', n: 6 },
    ]);
  });

  it('replays after a crash at every step of the second unit and ends with both units once', async () => {
    const first = freshLake();
    await first.ingest('skm', 'a.csv', unitFile('U-A', 8, 1), 1);
    const keyB = homeKey('skm', 'b.csv');
    await putUpload(rig.uploads, keyB, unitFile('U-B', 6, 2), minute(2));
    const tracer = new FaultyStore(new LocalStore(join(tmp.dir, 'trace-lake')));
    await ingestSubmission(
      { ...rig.ctx, lake: tracer },
      { store: rig.uploads, key: homeKey('skm', 'a.csv') },
    );
    const start = tracer.calls.length;
    await ingestSubmission({ ...rig.ctx, lake: tracer }, { store: rig.uploads, key: keyB });
    const steps = tracer.calls.length - start;
    for (let step = 0; step < steps; step++) {
      for (const when of ['before', 'after'] as const) {
        const { lake, ingest } = freshLake();
        await ingest('skm', 'a.csv', unitFile('U-A', 8, 1), 1);
        const crashing = new FaultyStore(lake, { call: step, when });
        await expect(
          ingestSubmission({ ...rig.ctx, lake: crashing }, { store: rig.uploads, key: keyB }),
        ).rejects.toBeInstanceOf(InjectedCrash);
        // mid-crash: A whole, with or without B whole
        expect([
          [{ unit: 'U-A', n: 8 }],
          [
            { unit: 'U-A', n: 8 },
            { unit: 'U-B', n: 6 },
          ],
        ]).toContainEqual(await byUnit(lake.root));
        const again = await ingestSubmission({ ...rig.ctx, lake }, { store: rig.uploads, key: keyB });
        expect(['accepted', 'duplicate']).toContain(again.status);
        expect(await byUnit(lake.root)).toEqual([
          { unit: 'U-A', n: 8 },
          { unit: 'U-B', n: 6 },
        ]);
      }
    }
  });

  it('does the same for FKP reports, per unit', async () => {
    const { lake, ingest } = freshLake();
    await ingest('fkp', 'rsud.csv', fkpFile('RSUD-01', 2), 1);
    const pkm = await ingest('fkp', 'pkm.csv', fkpFile('PKM-07', 1), 2);
    expect(pkm.units).toEqual({ replaced: ['PKM-07'], kept: ['RSUD-01'], superseded: [] });
    expect(await byUnit(lake.root, 'fkp_forums')).toEqual([
      { unit: 'PKM-07', n: 1 },
      { unit: 'RSUD-01', n: 2 },
    ]);
  });

  it('replaces the whole region-period for complaints (one LAPOR! export per region)', async () => {
    const { lake, ingest } = freshLake();
    await ingest('complaints', 'lapor-1.csv', complaintsCsv(9, 1), 1);
    const second = await ingest('complaints', 'lapor-2.csv', complaintsCsv(2, 2), 2);
    expect(second.units).toBeNull();
    expect(second.summary).toContain('diganti seluruhnya');
    expect(await byUnit(lake.root, 'complaints')).toEqual([
      { unit: 'U-0', n: 1 },
      { unit: 'U-1', n: 1 },
    ]);
  });
});

describe('nihil reports: the header and no rows', () => {
  const headers = {
    skm: SKM_HEADER.join(','),
    fkp: FKP_HEADER,
    complaints: COMPLAINT_HEADER.join(';'),
  } as const;

  for (const dataset of ['skm', 'fkp', 'complaints'] as const) {
    it(`accepts a nihil ${dataset} report with zero rows, recorded as nihil in the ledger`, async () => {
      const { lake, ingest } = freshLake();
      const before =
        dataset === 'complaints'
          ? complaintsCsv(5, 1)
          : dataset === 'fkp'
            ? fkpFile('RSUD-01', 2)
            : unitFile('U-A', 8, 1);
      await ingest(dataset, 'data.csv', before, 1);
      const r = await ingest(dataset, 'nihil.csv', `${headers[dataset]}\r\n`, 2);
      expect(r).toMatchObject({
        status: 'accepted',
        nihil: true,
        rows_read: 0,
        rows_accepted: 0,
        errors: [],
      });
      expect(r.summary).toMatch(/^DITERIMA: laporan nihil — tidak ada .* pada periode ini/);
      const ledger = await queryLake<{ nihil: boolean }>(
        lake.root,
        `SELECT nihil FROM submissions WHERE submission_id = '${r.submission_id}'`,
      );
      expect(ledger).toEqual([{ nihil: true }]);
      const table = { skm: 'skm_responses', fkp: 'fkp_forums', complaints: 'complaints' }[dataset];
      // "none this period" for the region: what it replaces holds zero rows
      expect(await byUnit(lake.root, table)).toEqual([]);
    });
  }

  it('keeps a unit uploaded after the nihil report, and drops one uploaded before it', async () => {
    const { lake, ingest } = freshLake();
    await ingest('skm', 'nihil.csv', `${headers.skm}\n`, 5);
    const early = await ingest('skm', 'early.csv', unitFile('U-A', 8, 1), 4);
    expect(early.units?.superseded).toEqual(['U-A']);
    await ingest('skm', 'late.csv', unitFile('U-B', 6, 2), 6);
    expect(await byUnit(lake.root)).toEqual([{ unit: 'U-B', n: 6 }]);
  });

  it('still rejects a file with no recognisable header at all', async () => {
    const { ingest } = freshLake();
    const r = await ingest('complaints', 'kosong.csv', 'tidak ada pengaduan\n', 1);
    expect(r.status).toBe('rejected');
    expect(r.errors[0]).toMatch(/Baris judul kolom tidak ditemukan/);
  });
});
