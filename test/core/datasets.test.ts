import { describe, expect, expectTypeOf, it } from 'vitest';
import { glueType } from '#core/contract/types.ts';
import { sqlType } from '#core/datasets/columns.ts';
import { type DatasetRecord, hashedName, LINEAGE_COLUMNS } from '#core/datasets/definition.ts';
import { complaints, DATASET_IDS, dataset, type skm } from '#core/datasets/index.ts';
import { headerKey, mapHeader } from '#ingest/headers.ts';
import { FIXTURES, ingestOne, queryLake, tempDir } from '../support/lake.ts';

describe('one definition per dataset', () => {
  for (const ds of DATASET_IDS.map(dataset)) {
    it(`${ds.id}: stored columns and Glue types all derive from the column list`, () => {
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
      for (const s of ds.stored) expect(glueType(s.type)).toBeDefined();
      for (const [, c] of columns) expect(c.doc.id.length).toBeGreaterThan(3);
      // every column is recognised under its own name and every alias
      for (const [name, c] of columns) {
        const header = [name, ...(c.aliases ?? [])];
        for (const h of header) expect(mapHeader(ds, [h]).columns.get(name), `${ds.id}: "${h}"`).toBe(0);
      }
    });
  }

  it('matches the header spellings the definitions promise, whatever the case, spacing and punctuation', () => {
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

  it('curated Parquet written by the SQL validation has exactly the declared columns and types', async () => {
    const tmp = await tempDir();
    try {
      const cases = [
        ['skm', 'skm-bom-comma.csv'],
        ['complaints', 'complaints-ndjson.json'],
        ['fkp', 'fkp-array.json'],
        ['units', 'units.csv'],
      ] as const;
      for (const [id, file] of cases) {
        await ingestOne(tmp.dir, `${FIXTURES}${file}`, { dataset: id, region: '11', period: '2026-Q3' });
        const ds = dataset(id);
        const described = await queryLake<{ column_name: string; column_type: string }>(
          tmp.dir,
          `DESCRIBE SELECT * EXCLUDE (year, quarter) FROM ${ds.table}`,
        );
        expect(described.map((c) => ({ name: c.column_name, type: c.column_type }))).toEqual(
          ds.stored.map((c) => ({ name: c.name, type: c.type })),
        );
        expect((await queryLake(tmp.dir, `SELECT * FROM ${ds.table}`)).length).toBeGreaterThan(0);
        // the lineage values are written as one-value ENUMs (outputs.ts): in the file they are plain UTF-8
        // text, and their statistics are exact (one value, no nulls)
        const files = `'${tmp.dir}/curated/${id}/**/*.parquet'`;
        const lineage = `('region_code', 'period', 'submission_id')`;
        expect(
          await queryLake(
            tmp.dir,
            `SELECT DISTINCT name, type, converted_type FROM parquet_schema(${files}) WHERE name IN ${lineage} ORDER BY name`,
          ),
        ).toEqual(
          ['period', 'region_code', 'submission_id'].map((name) => ({
            name,
            type: 'BYTE_ARRAY',
            converted_type: 'UTF8',
          })),
        );
        const stats = await queryLake<{ v: string; min: string; max: string; nulls: string }>(
          tmp.dir,
          `SELECT path_in_schema AS v, stats_min AS min, stats_max AS max, stats_null_count::VARCHAR AS nulls
           FROM parquet_metadata(${files}) WHERE path_in_schema IN ${lineage} ORDER BY v`,
        );
        const [values] = await queryLake<Record<string, string>>(
          tmp.dir,
          `SELECT DISTINCT period, region_code, submission_id FROM ${ds.table}`,
        );
        expect(stats).toEqual(
          Object.entries(values!).map(([v, value]) => ({ v, min: value, max: value, nulls: '0' })),
        );
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
    expect(complaints.stored.map((c) => c.name)).not.toContain('reporter_name');
  });
});
