import { describe, expect, expectTypeOf, it } from 'vitest';
import { GLUE_TYPE, sqlType } from '#core/datasets/columns.ts';
import { type DatasetRecord, hashedName, LINEAGE_COLUMNS } from '#core/datasets/definition.ts';
import { complaints, DATASET_IDS, dataset, type skm } from '#core/datasets/index.ts';
import { headerKey, mapHeader } from '#ingest/headers.ts';
import { FIXTURES, ingestOne, queryLake, tempDir } from '../support/lake.ts';

describe('one definition per dataset', () => {
  for (const ds of DATASET_IDS.map(dataset)) {
    it(`${ds.id}: stored columns, zod schema and Glue types all derive from the column list`, () => {
      const columns = Object.entries(ds.columns);
      const expected = [
        ...columns.filter(([, c]) => c.kind !== 'pii').map(([name, c]) => ({ name, type: sqlType(c) })),
        ...columns
          .filter(([, c]) => c.kind === 'pii' && c.action === 'hash')
          .map(([name]) => ({ name: hashedName(name), type: 'VARCHAR' })),
      ];
      expect(
        ds.stored
          .filter((s) => !LINEAGE_COLUMNS.some((l) => l.name === s.name))
          .map(({ name, type }) => ({ name, type }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      ).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
      expect(Object.keys(ds.schema.shape).sort()).toEqual(
        columns
          .filter(([, c]) => c.kind !== 'pii')
          .map(([n]) => n)
          .sort(),
      );
      for (const s of ds.stored) expect(GLUE_TYPE[s.type]).toBeDefined();
      for (const [, c] of columns) expect(c.doc.id.length).toBeGreaterThan(3);
      // every column is recognised under its own name and every alias
      for (const [name, c] of columns) {
        const header = [name, ...(c.aliases ?? [])];
        for (const h of header) expect(mapHeader(ds, [h]).columns.get(name), `${ds.id}: "${h}"`).toBe(0);
      }
    });
  }

  it('matches the header spellings DESIGN.md promises, whatever the case, spacing and punctuation', () => {
    const skm = dataset('skm');
    const headers = [
      'KODE UNIT',
      'unit-layanan',
      'Jenis_Layanan',
      'Tgl. Survei',
      'Unsur 1',
      'u 2',
      'Waktu Penyelesaian',
      'Biaya / Tarif',
      'U5 - Produk Spesifikasi Jenis Pelayanan',
      'kompetensi pelaksana',
      'PERILAKU PELAKSANA',
      'Sarana dan Prasarana',
      'Penanganan Pengaduan, Saran dan Masukan',
      'JK',
      'Usia',
      'Pendidikan',
      'Pekerjaan',
    ];
    const m = mapHeader(skm, headers);
    expect([...m.columns.keys()].sort()).toEqual([
      'age',
      'education',
      'gender',
      'occupation',
      'service_type',
      'survey_date',
      'u1',
      'u2',
      'u3',
      'u4',
      'u5',
      'u6',
      'u7',
      'u8',
      'u9',
      'unit_id',
      'unit_name',
    ]);
    expect(headerKey('  No. Tracking ')).toBe(headerKey('no_tracking'));
    const c = mapHeader(dataset('complaints'), ['Nomor Laporan', 'Tanggal Masuk', 'Sumber', 'Klasifikasi']);
    expect(Object.fromEntries(c.columns)).toEqual({
      complaint_id: 0,
      received_at: 1,
      channel: 2,
      classification: 3,
    });
  });

  it('curated rows written by the SQL validation satisfy the zod schema', async () => {
    const tmp = await tempDir();
    try {
      const cases = [
        ['skm', 'skm-bom-comma.csv', 'skm_responses'],
        ['complaints', 'complaints-ndjson.json', 'complaints'],
        ['fkp', 'fkp-array.json', 'fkp_forums'],
        ['units', 'units.csv', 'units'],
      ] as const;
      for (const [id, file, table] of cases) {
        await ingestOne(tmp.dir, `${FIXTURES}${file}`, { dataset: id, region: '11', period: '2026-Q3' });
        const rows = await queryLake<Record<string, unknown>>(tmp.dir, `SELECT * FROM ${table}`);
        expect(rows.length).toBeGreaterThan(0);
        const ds = dataset(id);
        const dateCols = Object.entries(ds.columns)
          .filter(([, c]) => c.kind === 'date' || c.kind === 'timestamp')
          .map(([n]) => n);
        for (const row of rows) {
          const typed = Object.fromEntries(
            Object.keys(ds.schema.shape).map((k) => [
              k,
              dateCols.includes(k) && row[k] !== null ? new Date(String(row[k])) : row[k],
            ]),
          );
          const parsed = ds.schema.safeParse(typed);
          expect(parsed.success, `${id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        }
      }
    } finally {
      await tmp.cleanup();
    }
  });

  it('gives the record type from the same definition (personal data absent from it)', () => {
    expectTypeOf<DatasetRecord<typeof skm>['u3']>().toEqualTypeOf<number | null>();
    expectTypeOf<DatasetRecord<typeof skm>['gender']>().toEqualTypeOf<'L' | 'P' | null>();
    expectTypeOf<DatasetRecord<typeof complaints>['status']>().toEqualTypeOf<
      'baru' | 'terverifikasi' | 'proses' | 'selesai' | 'ditunda' | 'bukan_wewenang' | 'diarsipkan'
    >();
    expectTypeOf<DatasetRecord<typeof complaints>>().not.toHaveProperty('reporter_name');
    expect(Object.keys(complaints.schema.shape)).not.toContain('reporter_name');
  });
});
