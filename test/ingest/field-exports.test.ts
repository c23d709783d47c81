import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';
import {
  instructionsFirstWorkbook,
  type Questionnaire,
  recapCsv,
  recapWorkbook,
} from '../fixtures/field/workbooks.ts';
import { FIXTURES, ingestOne, queryLake, tempDir, writeUpload } from '../support/lake.ts';

const T = { dataset: 'skm', region: '32.73', period: '2026-Q3' };
const at = (iso: string) => new Date(iso);

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

/** The ikm_unit mart of 2026-Q3, built by the real models. */
async function ikmUnits(
  lake: string,
): Promise<Record<string, { konversi: number; mutu: string; n: number }>> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    expect(await main(['transform', '--lake', lake, '--period', '2026-Q3'])).toBe(0);
  } finally {
    log.mockRestore();
  }
  const rows = await queryLake<{ unit_id: string; k: number; mutu: string; n: number }>(
    lake,
    "SELECT unit_id, round(ikm_konversi, 2)::DOUBLE AS k, mutu, respondents::INTEGER AS n FROM ikm_unit WHERE period = '2026-Q3'",
  );
  return Object.fromEntries(rows.map((r) => [r.unit_id, { konversi: r.k, mutu: r.mutu, n: r.n }]));
}

describe('forms-tool export (question headers, answer words, units by name)', () => {
  it('reads question text as U1…U9 and words as 1–4, codes units from the registry or their name', async () => {
    const lake = join(tmp.dir, 'forms');
    const units =
      'Kode Unit,Nama Unit,Jenis Unit\n3273-DISDUKCAPIL,DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL,Dinas\n';
    const reg = await ingestOne(
      lake,
      await writeUpload(join(tmp.dir, 'units.csv'), units, at('2026-09-01T00:00:00Z')),
      {
        ...T,
        dataset: 'units',
      },
    );
    expect(reg.status).toBe('accepted');
    const r = await ingestOne(lake, join(FIXTURES, 'skm-google-forms.csv'), T);
    expect(r).toMatchObject({ status: 'accepted', rows_read: 4, rows_accepted: 4, nihil: false });
    expect(r.columns.mapped.u3).toBe(
      'Bagaimana pendapat Saudara tentang kecepatn waktu dalam memberikan pelayanan?',
    );
    expect(r.unit_codes).toEqual([
      { name: 'Dinas Kependudukan dan Pencatatan Sipil', unit_id: '3273-DISDUKCAPIL', source: 'registry' },
      {
        name: expect.stringMatching(/^Puskesmas {1,2}Sukajadi$/),
        unit_id: 'N-PUSKESMAS-SUKAJADI',
        source: 'derived',
      },
    ]);
    expect(r.notes.join(' ')).toContain('Pendidikan, Pekerjaan');
    const rows = await queryLake<Record<string, unknown>>(
      lake,
      'SELECT survey_date::VARCHAR AS d, [u1,u2,u3,u4,u5,u6,u7,u8,u9] AS s, age FROM skm_responses ORDER BY source_row',
    );
    // by hand from the fixture's words (docs/intake.md's questionnaire table)
    expect(rows).toEqual([
      { d: '2026-08-03', s: [4, 3, 3, 4, 3, 3, 4, 3, 4], age: 34 },
      { d: '2026-08-04', s: [3, 4, 2, 4, 4, 4, 3, 2, 3], age: null },
      { d: '2026-08-05', s: [4, 3, 3, 4, 3, 3, 3, 3, 3], age: 27 },
      { d: '2026-08-06', s: [4, 2, 4, 3, 2, 3, 4, 4, 2], age: 51 },
    ]);
    // Disdukcapil: NRR 3.5 3.5 2.5 4 3.5 3.5 3.5 2.5 3.5 → IKM 30/9 = 3.3333 → 83.33 (B)
    // Puskesmas: NRR 4 2.5 3.5 3.5 2.5 3 3.5 3.5 2.5 → IKM 28.5/9 = 3.1667 → 79.17 (B)
    expect(await ikmUnits(lake)).toEqual({
      '3273-DISDUKCAPIL': { konversi: 83.33, mutu: 'B', n: 2 },
      'N-PUSKESMAS-SUKAJADI': { konversi: 79.17, mutu: 'B', n: 2 },
    });
  });

  it('names an unknown answer word, the unsur and the words it knows', async () => {
    const body = (await readFile(join(FIXTURES, 'skm-google-forms.csv'), 'utf8')).replace(
      'Kurang cepat',
      'Lumayan',
    );
    const r = await ingestOne(
      join(tmp.dir, 'forms-bad'),
      await writeUpload(join(tmp.dir, 'forms-bad.csv'), body, at('2026-10-01T00:00:00Z')),
      T,
    );
    expect(r.status).toBe('rejected');
    expect(r.samples).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'u3',
        value: 'Lumayan',
        rule: 'jawaban_tidak_dikenal',
        message:
          'Jawaban "Lumayan" tidak dikenali untuk "Bagaimana pendapat Saudara tentang kecepatn waktu dalam memberikan pel…" (U3). Yang dikenali: 1–4, a–d, Tidak cepat, Kurang cepat, Cepat, Sangat cepat.',
      }),
    ]);
  });
});

/** Ten hand-made questionnaires of one unit: sums per unsur 35 33 28 40 32 32 35 29 30 = 294. */
const RECAP: Questionnaire[] = [
  [4, 4, 3, 4, 3, 3, 4, 3, 3],
  [3, 3, 3, 4, 3, 3, 3, 3, 3],
  [4, 3, 3, 4, 4, 3, 4, 3, 3],
  [3, 3, 2, 4, 3, 3, 3, 3, 2],
  [4, 4, 3, 4, 3, 4, 4, 3, 3],
  [3, 3, 3, 4, 3, 3, 3, 2, 3],
  [4, 3, 3, 4, 3, 3, 4, 3, 4],
  [3, 4, 3, 4, 3, 3, 3, 3, 3],
  [4, 3, 2, 4, 3, 4, 4, 3, 3],
  [3, 3, 3, 4, 4, 3, 3, 3, 3],
].map((scores, i) => ({
  date: `${String(3 + i).padStart(2, '0')}/08/2026`,
  unit: 'PKM-SKJ',
  gender: i % 2 ? 'L' : 'P',
  age: 20 + i,
  scores,
}));

describe('workbooks as units fill them', () => {
  it('reads a recap: two-row merged header, summary and signature rows skipped, not invalid', async () => {
    const lake = join(tmp.dir, 'recap');
    const file = await writeUpload(
      join(tmp.dir, 'rekap.xlsx'),
      await recapWorkbook(RECAP),
      at('2026-10-01T00:00:00Z'),
    );
    const r = await ingestOne(lake, file, T);
    expect(r).toMatchObject({
      status: 'accepted',
      rows_read: 10,
      rows_accepted: 10,
      rows_rejected: 0,
      sheet: 'Rekap SKM',
    });
    expect(r.columns.mapped).toMatchObject({
      u1: 'U1',
      u9: 'U9',
      survey_date: 'Tanggal Survei',
      unit_id: 'Kode Unit',
    });
    // data rows 7–16; 17–21 Jumlah/NRR/NRR Tertimbang/IKM/Konversi, 22 Mutu, 24 place and date, 25 title,
    // 28 name, 29 NIP (23, 26, 27 are empty)
    expect(r.skipped_rows).toEqual({ count: 10, rows: [17, 18, 19, 20, 21, 22, 24, 25, 28, 29] });
    expect(r.summary).toContain('10 baris ringkasan/tanda tangan');
    const rows = await queryLake<{ first: number; last: number }>(
      lake,
      'SELECT min(source_row)::INTEGER AS first, max(source_row)::INTEGER AS last FROM skm_responses',
    );
    expect(rows).toEqual([{ first: 7, last: 16 }]);
    // 294 / 90 = 3.2667 → 81.67 (B)
    expect(await ikmUnits(lake)).toEqual({ 'PKM-SKJ': { konversi: 81.67, mutu: 'B', n: 10 } });
  });

  it('reads the same recap saved as CSV by Excel (";", merged cells empty) as it reads the workbook', async () => {
    const csv = await recapCsv(RECAP);
    // as Excel writes it: the merged heading over U1…U9 leaves empty cells, the summary rows follow the data
    expect(csv.split('\r\n').slice(4, 6)).toEqual([
      'No;Tanggal Survei;Kode Unit;Jenis Kelamin;Umur;Pendidikan;Pekerjaan;Nilai Unsur Pelayanan;;;;;;;;',
      ';;;;;;;U1;U2;U3;U4;U5;U6;U7;U8;U9',
    ]);
    expect(csv.split('\r\n')[17]).toBe('NRR per Unsur;;;;;;;3,5;3,3;2,8;4;3,2;3,2;3,5;2,9;3');
    const lake = join(tmp.dir, 'recap-csv');
    const r = await ingestOne(
      lake,
      await writeUpload(join(tmp.dir, 'rekap.csv'), csv, at('2026-10-01T00:00:00Z')),
      T,
    );
    expect(r).toMatchObject({
      status: 'accepted',
      rows_read: 10,
      rows_accepted: 10,
      rows_rejected: 0,
      format: 'CSV (pemisah titik koma), UTF-8',
    });
    expect(r.columns.mapped).toMatchObject({ u1: 'U1', u9: 'U9', survey_date: 'Tanggal Survei' });
    // the same rows as in the workbook: 17–22 summary, 24–25 place/date and title, 28–29 name and NIP
    expect(r.skipped_rows).toEqual({ count: 10, rows: [17, 18, 19, 20, 21, 22, 24, 25, 28, 29] });
    expect(r.notes.join(' ')).toContain('baris 17–22, 24–25, 28–29');
    const rows = await queryLake<{ row: number }>(
      lake,
      'SELECT source_row AS row FROM skm_responses ORDER BY 1',
    );
    expect(rows.map((x) => x.row)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(await ikmUnits(lake)).toEqual({ 'PKM-SKJ': { konversi: 81.67, mutu: 'B', n: 10 } });
  });

  it("numbers a recap CSV's rows as the spreadsheet does; only its data rows can be invalid", async () => {
    const lines = (await recapCsv(RECAP)).split('\r\n');
    lines[8] = lines[8]!.replace(/;3;3;4;4;3;4;3;3$/, ';3;5;4;4;3;4;3;3'); // row 9: U3 = 5
    lines.splice(3, 0, ''); // a blank line under the titles: the rows below move down by one
    const r = await ingestOne(
      join(tmp.dir, 'recap-csv-bad'),
      await writeUpload(join(tmp.dir, 'rekap-salah.csv'), lines.join('\r\n'), at('2026-10-01T00:00:00Z')),
      T,
    );
    expect(r.samples.map((s) => [s.row, s.header, s.value])).toEqual([[10, 'U3', '5']]);
    expect(r.rules).toEqual([expect.objectContaining({ count: 1 })]);
    expect(r.skipped_rows).toEqual({ count: 10, rows: [18, 19, 20, 21, 22, 23, 25, 26, 29, 30] });
  });

  it('reads the data sheet after an instructions sheet, and Indonesian day-name dates', async () => {
    const header = ['Kode Unit', 'Tanggal Survei', ...Array.from({ length: 9 }, (_, k) => `U${k + 1}`)];
    const dates = [
      'Senin, 3 Agustus 2026',
      'Sel, 4 Agu 2026',
      'Rabu 5 Agustus 2026',
      "Jum'at, 7 Agustus 2026",
    ];
    const rows = dates.map((d) => ['DPMPTSP', d, 4, 3, 3, 4, 3, 3, 4, 3, 3]);
    const file = await writeUpload(
      join(tmp.dir, 'petunjuk.xlsx'),
      await instructionsFirstWorkbook(header, rows),
      at('2026-10-01T00:00:00Z'),
    );
    const lake = join(tmp.dir, 'instructions');
    const r = await ingestOne(lake, file, T);
    expect(r).toMatchObject({ status: 'accepted', rows_accepted: 4, sheet: 'Data SKM' });
    expect(r.notes.join(' ')).toContain('lembar "Data SKM" (lembar ke-2)');
    const got = await queryLake<{ d: string; row: number }>(
      lake,
      'SELECT survey_date::VARCHAR AS d, source_row AS row FROM skm_responses ORDER BY row',
    );
    expect(got).toEqual([
      { d: '2026-08-03', row: 2 },
      { d: '2026-08-04', row: 3 },
      { d: '2026-08-05', row: 4 },
      { d: '2026-08-07', row: 5 },
    ]);
  });
});

describe('CSV row numbers as the spreadsheet shows them', () => {
  it('counts blank lines, keeps a quoted multi-line cell on one row, with CRLF', async () => {
    const header = 'Kode Unit,Nama Unit,Tanggal Survei,U1,U2,U3,U4,U5,U6,U7,U8,U9';
    const ok = (d: number) => `U-1,Dinas A,0${d}/08/2026,4,3,3,4,3,3,4,3,3`;
    const lines = [
      header, // row 1
      ok(1), // 2
      '', // 3
      'U-1,"Dinas A\r\nLantai 2",02/08/2026,4,3,3,4,3,3,4,3,3', // 4 (one row in a spreadsheet)
      ok(3), // 5
      '', // 6
      '', // 7
      'U-1,Dinas A,04/08/2026,4,3,3,4,3,3,4,3,9', // 8: invalid U9
      ...Array.from({ length: 50 }, (_, i) => ok(1 + (i % 9))), // 9–58
      'U-1,Dinas A,kemarin,4,3,3,4,3,3,4,3,3', // 59: invalid date
    ];
    const file = await writeUpload(
      join(tmp.dir, 'blank.csv'),
      `${lines.join('\r\n')}\r\n`,
      at('2026-10-01T00:00:00Z'),
    );
    const lake = join(tmp.dir, 'blank');
    const r = await ingestOne(lake, file, T);
    expect(r.samples.map((s) => [s.row, s.header])).toEqual([
      [8, 'U9'],
      [59, 'Tanggal Survei'],
    ]);
    const rows = await queryLake<{ row: number }>(
      lake,
      'SELECT source_row AS row FROM skm_responses ORDER BY 1 LIMIT 4',
    );
    expect(rows.map((x) => x.row)).toEqual([2, 4, 5, 9]);
    const text = await readFile(join(lake, r.quarantine_key!), 'utf8');
    expect(
      text
        .split('\n')
        .slice(1, 3)
        .map((l) => l.split(';')[0]),
    ).toEqual(['8', '59']);
  });
});
