import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKM_HEADER, skmRow } from '../fixtures/hostile/rows.ts';
import { FIXTURES, ingestOne, queryLake, tempDir } from '../support/lake.ts';

const T = { region: '31.71', period: '2026-Q3' };
let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

describe('readers', () => {
  it('reads Windows-1252 with semicolons, decimal comma and unsur-name headers', async () => {
    const lake = join(tmp.dir, 'cp1252');
    const r = await ingestOne(lake, join(FIXTURES, 'skm-cp1252-semicolon.csv'), { ...T, dataset: 'skm' });
    expect(r).toMatchObject({ status: 'accepted', rows_read: 40, rows_accepted: 40, rows_rejected: 0 });
    expect(r.format).toContain('windows-1252');
    expect(r.columns.unknown).toEqual(['Keterangan Tambahan']);
    expect(r.columns.mapped.u2).toBe('U2 - Sistem, Mekanisme, dan Prosedur');
    const [row] = await queryLake<{ unit_name: string; age: number; survey_date: string; gender: string }>(
      lake,
      'SELECT unit_name, age, survey_date, gender FROM skm_responses ORDER BY source_row LIMIT 1',
    );
    expect(row).toEqual({
      unit_name: 'Kantor Pelayanan Terpadu – Café Desa',
      age: 31,
      survey_date: '2026-08-02',
      gender: 'L',
    });
  });

  it('reads UTF-8 with BOM, a title row, a quoted line break and Indonesian month names, keeping row numbers', async () => {
    const lake = join(tmp.dir, 'bom');
    const r = await ingestOne(lake, join(FIXTURES, 'skm-bom-comma.csv'), { ...T, dataset: 'skm' });
    expect(r).toMatchObject({ status: 'accepted', rows_read: 60, rows_accepted: 59, rows_rejected: 1 });
    // data row 10 of the file sits below a title row and the header: spreadsheet row 12
    expect(r.samples).toEqual([
      expect.objectContaining({ row: 12, column: 'u3', header: 'U3', value: '5', rule: 'di_luar_rentang' }),
    ]);
    expect(r.samples[0]!.message).toMatch(/^Kolom "U3": Nilai di luar rentang/);
    const rows = await queryLake<{ source_row: number; unit_name: string; survey_date: string }>(
      lake,
      'SELECT source_row, unit_name, survey_date FROM skm_responses WHERE source_row IN (3, 7) ORDER BY source_row',
    );
    expect(rows).toEqual([
      { source_row: 3, unit_name: 'Puskesmas Kota Baru', survey_date: '2026-08-02' },
      { source_row: 7, unit_name: 'Puskesmas Kota\nBaru', survey_date: '2026-08-06' },
    ]);
  });

  it('reads the first sheet of an XLSX below its title rows, with Excel date cells, by sheet row number', async () => {
    const file = join(tmp.dir, 'units-and-skm.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Rekap');
    ws.addRow(['LAPORAN SURVEI KEPUASAN MASYARAKAT']);
    ws.addRow(['Triwulan III 2026']);
    ws.addRow([]);
    ws.addRow([
      'Kode Unit',
      'Nama Unit',
      'Jenis Layanan',
      'Tanggal Survei',
      ...Array.from({ length: 9 }, (_, i) => `Unsur ${i + 1}`),
      'Jenis Kelamin',
      'Umur',
      'Pendidikan',
      'Pekerjaan',
    ]);
    ws.addRow([
      'SAMSAT-1',
      'Samsat Induk',
      'Pajak Kendaraan',
      new Date(Date.UTC(2026, 7, 12)),
      4,
      4,
      3,
      3,
      4,
      4,
      3,
      3,
      4,
      'Pria',
      40,
      'D4/S1',
      'Wirausaha',
    ]);
    ws.addRow([
      'SAMSAT-1',
      'Samsat Induk',
      'Pajak Kendaraan',
      'tanggal salah',
      4,
      4,
      3,
      3,
      4,
      4,
      3,
      3,
      4,
      'Wanita',
      33,
      'SMA',
      'Swasta',
    ]);
    wb.addWorksheet('Catatan').addRow(['bukan data']);
    await wb.xlsx.writeFile(file);
    const lake = join(tmp.dir, 'xlsx');
    const r = await ingestOne(lake, file, { ...T, dataset: 'skm' });
    expect(r.format).toContain('XLSX');
    expect(r).toMatchObject({ status: 'rejected', rows_read: 2, rows_rejected: 2 });
    expect(r.samples).toEqual([
      expect.objectContaining({
        row: 6,
        column: 'survey_date',
        value: 'tanggal salah',
        rule: 'format_tanggal',
      }),
    ]);
    expect(r.errors[0]).toMatch(/50% baris tidak valid/);
  });

  it('reads an XLSX row longer than the small CSV buffer (the engine reader is sized from the longest row)', async () => {
    const file = join(tmp.dir, 'long-row.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    const header = [
      'Kode Unit',
      'Nama Unit',
      'Tanggal Survei',
      ...Array.from({ length: 9 }, (_, i) => `U${i + 1}`),
    ];
    ws.addRow(header);
    const answers = [4, 3, 4, 3, 4, 3, 4, 3, 4];
    ws.addRow(['PKM-1', 'Puskesmas Induk', '2026-08-03', ...answers]);
    // a name of 1.2 M characters: one converted record above the 1 MiB small-buffer line limit
    ws.addRow(['PKM-1', 'x'.repeat(1_200_000), '2026-08-04', ...answers]);
    await wb.xlsx.writeFile(file);
    const r = await ingestOne(join(tmp.dir, 'long-row'), file, { ...T, dataset: 'skm' });
    expect(r).toMatchObject({ rows_read: 2 });
    expect(r.errors.join(' ')).not.toMatch(/max_line_size|maximum line size/i);
  });

  it('reads NDJSON complaints and keeps no personal data in clear', async () => {
    const lake = join(tmp.dir, 'ndjson');
    const r = await ingestOne(lake, join(FIXTURES, 'complaints-ndjson.json'), {
      ...T,
      dataset: 'complaints',
    });
    expect(r).toMatchObject({ status: 'accepted', rows_read: 30, rows_accepted: 30 });
    const rows = await queryLake<Record<string, unknown>>(
      lake,
      'SELECT * FROM complaints ORDER BY source_row',
    );
    expect(Object.keys(rows[0]!)).not.toContain('reporter_name');
    expect(rows[0]!.reporter_nik_hash).toMatch(/^[0-9a-f]{64}$/);
    const text = JSON.stringify(rows);
    for (const pii of [
      'Budi Santoso',
      '0812-3456',
      'warga1@contoh.id',
      '3171000000000001',
      'KTP saya belum jadi',
    ])
      expect(text).not.toContain(pii);
    expect(rows.map((x) => x.status)).toContain('proses');
  });

  it('keeps a JSON export’s times with a zone offset as written, as a CSV’s', async () => {
    // an API export writes ISO times with their offset: read as values in UTC, a complaint received at
    // 05:00 WIB on 1 July was dated 30 June 22:00, out of the quarter, and the file rejected
    const lines = (await readFile(join(FIXTURES, 'complaints-ndjson.json'), 'utf8'))
      .trim()
      .split('\n')
      .map((line, i) =>
        line.replace(
          /"Tanggal Laporan": "[^"]*"/,
          `"Tanggal Laporan": "2026-07-0${1 + (i % 9)}T05:00:00+07:00"`,
        ),
      );
    const file = join(tmp.dir, 'complaints-offset.ndjson');
    await writeFile(file, lines.join('\n'));
    const lake = join(tmp.dir, 'ndjson-offset');
    const r = await ingestOne(lake, file, { ...T, dataset: 'complaints' });
    expect(r).toMatchObject({ status: 'accepted', rows_read: 30, rows_accepted: 30, rows_rejected: 0 });
    const rows = await queryLake<{ received_at: string }>(
      lake,
      'SELECT CAST(received_at AS VARCHAR) AS received_at FROM complaints ORDER BY source_row LIMIT 2',
    );
    expect(rows).toEqual([{ received_at: '2026-07-01 05:00:00' }, { received_at: '2026-07-02 05:00:00' }]);
  });

  it('reads a JSON array of FKP forums with yes/no synonyms', async () => {
    const lake = join(tmp.dir, 'json');
    const r = await ingestOne(lake, join(FIXTURES, 'fkp-array.json'), { ...T, dataset: 'fkp' });
    expect(r).toMatchObject({ status: 'accepted', rows_read: 4, rows_accepted: 4 });
    const rows = await queryLake<{ berita_acara: boolean; published: boolean; forum_date: string }>(
      lake,
      'SELECT berita_acara, published, forum_date FROM fkp_forums ORDER BY source_row',
    );
    expect(rows.map((x) => x.berita_acara)).toEqual([true, true, false, true]);
    expect(rows[0]).toMatchObject({ published: true, forum_date: '2026-08-11' });
  });

  it('accepts a JSON export as forms tools write it: numbers as texts in some records, a list of files', async () => {
    // a value is a number or a text from one record to the next; a key the dataset does not use holds lists
    const records = Array.from({ length: 20 }, (_, i) => {
      const cells = skmRow(i);
      const record: Record<string, string | number | string[]> = {
        ...Object.fromEntries(
          SKM_HEADER.map((h, k) => [h, /^U\d$|^Umur$/.test(h) ? Number(cells[k]) : cells[k]!]),
        ),
        Lampiran: i % 2 ? [`foto-${i}.jpg`] : [],
      };
      if (i % 3 === 0) Object.assign(record, { U1: String(record.U1), Umur: `${record.Umur}` });
      return record;
    });
    const file = join(tmp.dir, 'skm-mixed.json');
    await writeFile(file, JSON.stringify(records));
    const lake = join(tmp.dir, 'json-mixed');
    const r = await ingestOne(lake, file, { ...T, dataset: 'skm' });
    expect(r).toMatchObject({ status: 'accepted', rows_read: 20, rows_accepted: 20, rows_rejected: 0 });
    const rows = await queryLake<{ u1: number; age: number }>(
      lake,
      'SELECT u1, age FROM skm_responses ORDER BY source_row',
    );
    expect(rows).toEqual(records.map((x) => ({ u1: Number(x.U1), age: Number(x.Umur) })));
  });

  it('reads the Google Forms download’s timestamp: 12-hour clock, zone name after it', async () => {
    const header = [
      'Cap waktu',
      'Kode Unit',
      'Nama Unit',
      ...Array.from({ length: 9 }, (_, i) => `U${i + 1}`),
    ];
    const stamps = [
      '2026/08/03 8:17:01 AM GMT+7',
      '2026/08/03 1:05:09 PM GMT+7',
      '2026/08/04 12:30:00 AM GMT+7',
    ];
    const file = join(tmp.dir, 'google-forms.csv');
    await writeFile(
      file,
      [header, ...stamps.map((t) => [t, 'U-1', 'Dinas A', '4', '3', '4', '4', '3', '4', '4', '3', '4'])]
        .map((r) => r.join(','))
        .join('\n'),
    );
    const lake = join(tmp.dir, 'google-forms');
    const r = await ingestOne(lake, file, { ...T, dataset: 'skm' });
    expect(r).toMatchObject({ status: 'accepted', rows_read: 3, rows_accepted: 3 });
    const rows = await queryLake<{ survey_date: string; submitted_at: string }>(
      lake,
      'SELECT CAST(survey_date AS VARCHAR) AS survey_date, CAST(submitted_at AS VARCHAR) AS submitted_at FROM skm_responses ORDER BY source_row',
    );
    expect(rows).toEqual([
      { survey_date: '2026-08-03', submitted_at: '2026-08-03 08:17:01' },
      { survey_date: '2026-08-03', submitted_at: '2026-08-03 13:05:09' },
      { survey_date: '2026-08-04', submitted_at: '2026-08-04 00:30:00' },
    ]);
  });

  it('reads tab-separated units with Indonesian thousands separators', async () => {
    const lake = join(tmp.dir, 'units');
    await ingestOne(lake, join(FIXTURES, 'units.csv'), { ...T, dataset: 'units' });
    const rows = await queryLake<{ annual_service_users: number }>(
      lake,
      'SELECT annual_service_users FROM units ORDER BY source_row',
    );
    expect(rows.map((x) => x.annual_service_users)).toEqual([12500, 8400, 45000]);
  });
});
