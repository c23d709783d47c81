import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestOne, queryLake, tempDir, writeUpload } from '../support/lake.ts';

const HEADER =
  'Kode Unit,Nama Unit,Jenis Layanan,Tanggal Survei,U1,U2,U3,U4,U5,U6,U7,U8,U9,JK,Umur,Pendidikan,Pekerjaan';
const row = (i: number, u1: number | string = 4) =>
  `U-${i % 3},Dinas ${i % 3},KTP,2026-08-0${1 + (i % 9)},${u1},3,3,4,3,3,4,3,3,L,3${i % 10},SMA,Swasta`;
const csv = (n: number, bad: (i: number) => boolean = () => false) =>
  [HEADER, ...Array.from({ length: n }, (_, i) => row(i, bad(i) ? 9 : 4))].join('\n');
const T = { dataset: 'skm', region: '32.73', period: '2026-Q3' };
const at = (iso: string) => new Date(iso);

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

const current = async (lake: string) =>
  queryLake<{ submission_id: string; n: number }>(
    lake,
    'SELECT submission_id, count(*)::INTEGER AS n FROM skm_responses GROUP BY 1',
  );

describe('submission outcomes', () => {
  it('accepts at the 5 % threshold and rejects above it', async () => {
    const lake = join(tmp.dir, 'threshold');
    const ok = await ingestOne(
      lake,
      await writeUpload(
        join(tmp.dir, 't1.csv'),
        csv(100, (i) => i < 5),
        at('2026-10-01T00:00:00Z'),
      ),
      T,
    );
    expect(ok).toMatchObject({ status: 'accepted', rows_accepted: 95, rows_rejected: 5, errors: [] });
    const bad = await ingestOne(
      lake,
      await writeUpload(
        join(tmp.dir, 't2.csv'),
        csv(100, (i) => i < 6),
        at('2026-10-02T00:00:00Z'),
      ),
      T,
    );
    expect(bad).toMatchObject({ status: 'rejected', rows_accepted: 0, rows_rejected: 100 });
    expect(bad.errors[0]).toContain('6% baris tidak valid');
    // the rejected file left the accepted data untouched
    expect(await current(lake)).toEqual([{ submission_id: ok.submission_id, n: 95 }]);
  });

  it('treats identical bytes as a duplicate and writes nothing new', async () => {
    const lake = join(tmp.dir, 'dup');
    const file = await writeUpload(join(tmp.dir, 'd.csv'), csv(20), at('2026-10-01T00:00:00Z'));
    const first = await ingestOne(lake, file, T);
    const again = await ingestOne(lake, file, T);
    expect(again).toMatchObject({
      status: 'duplicate',
      submission_id: first.submission_id,
      rows_accepted: 20,
    });
    const ledger = await queryLake(lake, 'SELECT * FROM submissions');
    expect(ledger).toHaveLength(1);
  });

  it('replaces with a newer upload, and never with an older one processed later', async () => {
    const lake = join(tmp.dir, 'order');
    const newer = await writeUpload(join(tmp.dir, 'new.csv'), csv(30), at('2026-10-05T00:00:00Z'));
    const older = await writeUpload(join(tmp.dir, 'old.csv'), csv(10), at('2026-10-03T00:00:00Z'));
    const n = await ingestOne(lake, newer, T);
    const o = await ingestOne(lake, older, T);
    expect(o).toMatchObject({ status: 'accepted', superseded_on_arrival_by: n.submission_id });
    expect(o.summary).toContain('lebih baru');
    expect(await current(lake)).toEqual([{ submission_id: n.submission_id, n: 30 }]);
    const newest = await ingestOne(
      lake,
      await writeUpload(join(tmp.dir, 'newest.csv'), csv(12), at('2026-10-06T00:00:00Z')),
      T,
    );
    expect(newest.superseded_on_arrival_by).toBeNull();
    expect(await current(lake)).toEqual([{ submission_id: newest.submission_id, n: 12 }]);
  });

  it('rejects a file without required columns, naming them in Bahasa Indonesia', async () => {
    const lake = join(tmp.dir, 'missing');
    const body = csv(5)
      .replace('Tanggal Survei,', 'Tanggal Kunjungan,')
      .replace('Kode Unit,Nama Unit', 'Kode,Nama');
    const r = await ingestOne(
      lake,
      await writeUpload(join(tmp.dir, 'm.csv'), body, at('2026-10-01T00:00:00Z')),
      T,
    );
    expect(r.status).toBe('rejected');
    expect(r.columns.missing.sort()).toEqual(['survey_date', 'unit_id']);
    expect(r.errors[0]).toMatch(
      /^Kolom wajib tidak ditemukan: "Kode Unit atau Nama Unit", "Tanggal atau Waktu Pengisian"\./,
    );
    expect(r.columns.unknown).toEqual(['Kode', 'Nama', 'Tanggal Kunjungan']);
  });

  it('rejects unknown regions, datasets and malformed periods with clear reasons', async () => {
    const lake = join(tmp.dir, 'target');
    const file = await writeUpload(join(tmp.dir, 'x.csv'), csv(3), at('2026-10-01T00:00:00Z'));
    const r = await ingestOne(lake, file, { dataset: 'survei', region: '99.99', period: '2026-Q5' });
    expect(r.status).toBe('rejected');
    expect(r.errors).toHaveLength(3);
    expect(r.errors.join(' ')).toMatch(/Kode wilayah "99.99".*Dataset "survei".*Periode "2026-Q5"/);
    const report = JSON.parse(await readFile(join(lake, r.report_key), 'utf8'));
    expect(report.status).toBe('rejected');
  });

  it('marks repeated ids within a file as invalid rows, pointing at the first', async () => {
    const lake = join(tmp.dir, 'ids');
    const body = [
      `ID Responden,${HEADER}`,
      ...Array.from({ length: 40 }, (_, i) => `R${i === 39 ? 7 : i},${row(i)}`),
    ].join('\n');
    const r = await ingestOne(
      lake,
      await writeUpload(join(tmp.dir, 'ids.csv'), body, at('2026-10-01T00:00:00Z')),
      T,
    );
    expect(r).toMatchObject({ status: 'accepted', rows_accepted: 39, rows_rejected: 1 });
    expect(r.samples).toEqual([
      expect.objectContaining({ row: 41, column: 'response_id', value: 'R7', rule: 'duplikat' }),
    ]);
    expect(r.samples[0]!.message).toContain('Baris pertama: 9');
  });

  it('writes a quarantine CSV that is safe to open in a spreadsheet', async () => {
    const lake = join(tmp.dir, 'quarantine');
    const body = `${HEADER}\n${row(1)}\n=HYPERLINK("http://x"),Dinas,KTP,2026-08-01,7,3,3,4,3,3,4,3,3,L,30,SMA,Swasta\n${Array.from({ length: 40 }, (_, i) => row(i)).join('\n')}`;
    const r = await ingestOne(
      lake,
      await writeUpload(join(tmp.dir, 'q.csv'), body, at('2026-10-01T00:00:00Z')),
      T,
    );
    expect(r.quarantine_key).not.toBeNull();
    const text = await readFile(join(lake, r.quarantine_key!), 'utf8');
    // `;`-separated with a BOM (Indonesian-locale Excel), the officer's own header names
    expect(text.split('\n')[0]).toBe(`\uFEFFBaris;Alasan;${HEADER.replaceAll(',', ';')}`);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toMatch(/^3;"Kolom ""U1"": Nilai di luar rentang yang diizinkan\. Rentang 1–4\.";/m);
  });
});
