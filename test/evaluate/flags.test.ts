import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryLake, tempDir } from '../support/lake.ts';
import { evaluateLake, SKM_HEADER, skmRow, upload, varied } from './helpers.ts';

const T = { region: '52.71', period: '2026-Q3' };
const hour = (i: number) =>
  `2026-08-${String(1 + Math.floor(i / 8)).padStart(2, '0')} ${String(8 + (i % 8)).padStart(2, '0')}:15:00`;
const minute = (i: number) =>
  `2026-08-12 09:${String(10 + Math.floor(i / 3)).padStart(2, '0')}:${String((i % 3) * 20).padStart(2, '0')}`;

/** Per unit, 20+ questionnaires shaped to show one behaviour; OK shows none. */
function skmBody(): string {
  const rows: string[] = [];
  const add = (
    unit: string,
    n: number,
    answers: (i: number) => number[],
    at: (i: number) => string,
    age = (i: number) => 20 + i,
  ) => {
    for (let i = 0; i < n; i++) rows.push(skmRow(`${unit}-${i}`, unit, answers(i), at(i), age(i)));
  };
  add('OK', 20, varied, hour);
  add('SL', 20, (i) => (i < 12 ? Array(9).fill(3) : varied(i)), hour); // 60 % straight-lined, no all-4
  add('AM', 20, (i) => (i < 9 ? Array(9).fill(4) : varied(i)), hour); // 45 % all-4: all_max, not straight-lining
  add('BU', 25, varied, minute); // 25 questionnaires in 8 minutes
  add(
    'DU',
    20,
    (i) => (i < 3 ? varied(0) : varied(i)),
    (i) => (i < 3 ? hour(0) : hour(i)),
    (i) => (i < 3 ? 40 : 20 + i),
  ); // 2 copies
  add('US', 20, varied, hour); // 20 respondents for 1,000 users: under Krejcie-Morgan (278)
  add('GA', 20, () => [4, 4, 4, 4, 4, 4, 4, 4, 3], hour); // grade A
  return [SKM_HEADER, ...rows].join('\n');
}

const UNITS = [
  'Kode Unit,Nama Unit,Jenis Unit,Jumlah Pengguna Layanan',
  'OK,Unit OK,Dinas,10',
  'US,Unit US,Dinas,1000',
].join('\n');
const FKP = [
  'ID Forum,Kode Unit,Nama Unit,Tanggal Forum,Metode,Topik,Pengguna Layanan,Akademisi/Pakar,Instansi Terkait,Ormas/LSM,Media Massa,Jumlah Kesepakatan,Jumlah RTL,RTL Selesai,Berita Acara,Dipublikasikan',
  'F1,OK,Unit OK,2026-08-10,luring,Standar pelayanan,10,2,3,1,1,3,2,1,ya,ya',
  'F2,CE,Unit CE,2026-08-11,daring,Sosialisasi,25,0,0,0,0,0,0,0,ya,tidak',
].join('\n');
const complaint = (id: string, unit: string, received: string, completed: string) =>
  `${id},${unit},${received},${received.slice(0, 11)}16:00:00,,${completed},selesai,pengaduan,Layanan,Website`;
const COMPLAINTS = [
  'No Tracking,Kode Unit,Tanggal Laporan,Tanggal Verifikasi,Tanggal Tindak Lanjut,Tanggal Selesai,Status,Klasifikasi,Kategori,Kanal',
  ...Array.from({ length: 6 }, (_, i) =>
    complaint(`OK-${i}`, 'OK', `2026-07-0${i + 1} 09:00:00`, `2026-07-2${i} 10:00:00`),
  ),
  ...Array.from({ length: 6 }, (_, i) =>
    complaint(
      `GA-${i}`,
      'GA',
      `2026-07-0${i + 1} 09:00:00`,
      i === 0 ? '2026-07-20 10:00:00' : '2026-11-30 10:00:00',
    ),
  ),
  complaint('IT-1', 'IT', '2026-08-10 09:00:00', '2026-08-01 10:00:00'),
].join('\n');

let tmp: Awaited<ReturnType<typeof tempDir>>;
let lake: string;
beforeAll(async () => {
  tmp = await tempDir();
  lake = join(tmp.dir, 'lake');
  await mkdir(lake);
  const at = '2026-10-01T00:00:00Z';
  for (const [dataset, body] of [
    ['skm', skmBody()],
    ['units', UNITS],
    ['fkp', FKP],
    ['complaints', COMPLAINTS],
  ] as const) {
    const r = await upload(lake, `${dataset}.csv`, body, at, { ...T, dataset });
    expect(r.status, JSON.stringify(r.errors)).toBe('accepted');
  }
  await evaluateLake(lake, T.period);
});
afterAll(() => tmp.cleanup());

describe('integrity flags', () => {
  it('flag each behaviour on the unit that shows it, and nothing on the clean unit', async () => {
    const flags = await queryLake<{ unit_id: string; flag: string }>(
      lake,
      'SELECT unit_id, flag FROM integrity_flags ORDER BY unit_id, flag',
    );
    expect(flags).toEqual([
      { unit_id: 'AM', flag: 'skm_all_max' },
      { unit_id: 'BU', flag: 'skm_burst' },
      { unit_id: 'CE', flag: 'fkp_ceremonial' },
      { unit_id: 'DU', flag: 'skm_duplicates' },
      { unit_id: 'GA', flag: 'skm_grade_vs_complaints' },
      { unit_id: 'IT', flag: 'complaint_impossible_timeline' },
      { unit_id: 'SL', flag: 'skm_straightlining' },
      { unit_id: 'US', flag: 'skm_undersampled' },
    ]);
  });

  it('carry the measured value, the methodology threshold and a sentence in Bahasa Indonesia', async () => {
    const rows = await queryLake<{
      flag: string;
      metric: number;
      threshold: number;
      detail: string;
      severity: string;
    }>(
      lake,
      "SELECT flag, metric, threshold, detail, severity FROM integrity_flags WHERE unit_id IN ('SL', 'US', 'BU')",
    );
    const by = Object.fromEntries(rows.map((r) => [r.flag, r]));
    expect(by.skm_straightlining).toMatchObject({ metric: 0.6, threshold: 0.5, severity: 'medium' });
    expect(by.skm_straightlining!.detail).toBe(
      '12 dari 20 kuesioner menjawab kesembilan unsur dengan nilai yang sama',
    );
    // v2 rule 6: N = 1000 a year x 3/12 = 250 in the quarter; S = 3,841·250·0,25 / (0,0025·249 + 3,841·0,25)
    // = 151,67 → 152 (nearest); v1 used the annual 1000 → 278.
    expect(by.skm_undersampled).toMatchObject({ metric: 20, threshold: 152 });
    expect(by.skm_undersampled!.detail).toBe(
      '20 responden, kurang dari sampel minimum 152 (Krejcie-Morgan) untuk 250 pengguna layanan pada periode ini (1000 per tahun)',
    );
    expect(by.skm_burst!.detail).toMatch(/^20 kuesioner terkirim dalam \d+ menit atau kurang$/);
    expect(by.skm_burst!.metric).toBeLessThanOrEqual(10);
  });
});
