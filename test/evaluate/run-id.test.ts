import { copyFile, mkdir, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluateResult } from '#evaluate/evaluate.ts';
import { ingestLocalFiles } from '#ingest/local.ts';
import { queryLake, tempDir, writeUpload } from '../support/lake.ts';
import { evaluateLake, SKM_HEADER, skmRow, varied } from './helpers.ts';

const P = '2026-Q3';
const UNITS = ['Kode Unit,Nama Unit,Jenis Unit,Jumlah Pengguna Layanan', 'U1,Unit U1,Dinas,400'].join('\n');
const SKM = [
  SKM_HEADER,
  ...Array.from({ length: 110 }, (_, i) =>
    skmRow(`R${i}`, 'U1', varied(i), `2026-08-0${1 + (i % 9)} 10:00:00`),
  ),
].join('\n');
const COMPLAINTS = [
  'No Tracking,Kode Unit,Tanggal Laporan,Tanggal Verifikasi,Tanggal Tindak Lanjut,Tanggal Selesai,Status',
  'C-1,U1,2026-09-28 09:00:00,2026-09-29 10:00:00,,,diverifikasi',
  'C-2,U1,2026-08-03 09:00:00,2026-08-04 10:00:00,2026-08-05 10:00:00,2026-08-20 10:00:00,selesai',
].join('\n');

/** The upload tree of region 31.71: a registry, an SKM export, and a LAPOR! export sent twice, 2 hours apart. */
async function tree(root: string) {
  const file = (dataset: string, name: string) => join(root, 'uploads', '31.71', dataset, P, name);
  const at = (iso: string) => new Date(iso);
  const put = async (path: string, body: string, iso: string) => {
    await mkdir(dirname(path), { recursive: true });
    return writeUpload(path, body, at(iso));
  };
  const units = await put(file('units', 'daftar_unit.csv'), UNITS, '2026-10-01T01:00:00Z');
  const skm = await put(file('skm', 'skm.csv'), SKM, '2026-10-02T01:00:00Z');
  const original = await put(file('complaints', 'lapor.csv'), COMPLAINTS, '2026-10-05T16:30:00Z');
  const again = file('complaints', 'lapor_kirim_ulang.csv');
  await copyFile(original, again);
  await utimes(again, at('2026-10-05T18:30:00Z'), at('2026-10-05T18:30:00Z'));
  return { units, skm, original, again };
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
const lakes: string[] = [];
const runs: EvaluateResult[] = [];
beforeAll(async () => {
  tmp = await tempDir();
  const f = await tree(join(tmp.dir, 'tree'));
  const orders = [
    [f.units, f.skm, f.original, f.again],
    [f.units, f.skm, f.again, f.original],
  ];
  for (const [i, files] of orders.entries()) {
    const lake = join(tmp.dir, `lake-${i}`);
    const reports = await ingestLocalFiles(lake, files);
    expect(reports.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'duplicate']);
    lakes.push(lake);
    runs.push(await evaluateLake(lake, P));
  }
}, 120_000);
afterAll(() => tmp.cleanup());

describe('the run id of an evaluation', () => {
  it('does not depend on which copy of a re-submitted file is processed first', async () => {
    const ledger = (lake: string) =>
      queryLake<{ uploaded_at: string }>(
        lake,
        "SELECT CAST(uploaded_at AS VARCHAR) AS uploaded_at FROM submissions WHERE dataset = 'complaints'",
      );
    expect(runs[1]!.manifest.inputs_hash).toBe(runs[0]!.manifest.inputs_hash);
    expect(runs[1]!.manifest.run_id).toBe(runs[0]!.manifest.run_id);
    // the submission's upload time is the first upload of its bytes (16:30 UTC = 23:30 WIB), in both orders
    for (const lake of lakes) expect(await ledger(lake)).toEqual([{ uploaded_at: '2026-10-05 16:30:00' }]);
  });
});
