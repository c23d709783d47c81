import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Duck } from '#core/duckdb.ts';
import { LocalStore } from '#core/local-store.ts';
import { evaluate } from '#evaluate/evaluate.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import {
  COMPLAINT_HEADER,
  complaintRow,
  complaintsCsv,
  personOf,
  SKM_HEADER,
  skmCsv,
} from '../fixtures/hostile/rows.ts';
import { queryLake, tempDir } from '../support/lake.ts';
import { homeKey, ingestAt, minute, openRig, type Rig } from './harness.ts';

const HOSTILE_TEXT = [
  `U-1'); DROP TABLE skm_responses; --`,
  `"; SELECT * FROM submissions; --`,
  `$$ || (SELECT 1) || $$`,
  `\\'; COPY (SELECT 1) TO '/tmp/pwned.csv'; --`,
];
const FORMULAS = [
  '=HYPERLINK("http://evil.example","klik")',
  '+SUM(1,2)',
  '-2+3',
  '@SUM(A1)',
  'Dinas;=1+1',
  'Dinas,=1+1',
];

let tmp: Awaited<ReturnType<typeof tempDir>>;
let rig: Rig;
beforeAll(async () => {
  tmp = await tempDir('pantau-security-');
  rig = await openRig(tmp.dir);
});
afterAll(async () => {
  rig?.close();
  await tmp?.cleanup();
});

describe('security: user text never becomes SQL, personal data never lands, quarantine is spreadsheet-safe', () => {
  it('round-trips injection attempts in file names, unit ids and header names literally', async () => {
    const file = `skm'; DROP TABLE submissions; --".csv`;
    const header = [...SKM_HEADER, `Catatan"; DROP VIEW skm_responses; --`];
    const body = skmCsv(20, {
      seed: 5,
      edit: (c, i) => [HOSTILE_TEXT[i % 4]!, ...c.slice(1), `'${i}`],
    }).replace(
      SKM_HEADER.join(','),
      header.map((h) => (h.includes('"') ? `"${h.replaceAll('"', '""')}"` : h)).join(','),
    );
    const report = await ingestAt(rig, homeKey('skm', file), body, minute(1));
    expect(report).toMatchObject({ status: 'accepted', rows_accepted: 20 });
    expect(report.columns.unknown).toEqual([header.at(-1)]);
    const units = await queryLake<{ unit_id: string }>(
      rig.lake.root,
      'SELECT DISTINCT unit_id FROM skm_responses ORDER BY 1',
    );
    expect(units.map((u) => u.unit_id)).toEqual([...HOSTILE_TEXT].sort());
    const [entry] = await queryLake<{ source_key: string }>(
      rig.lake.root,
      'SELECT source_key FROM submissions',
    );
    expect(entry!.source_key).toBe(homeKey('skm', file));
  });

  it('neutralises formulas in quarantine CSVs, read with a comma or a semicolon list separator', async () => {
    const body = skmCsv(200, {
      seed: 6,
      edit: (c, i) => (i < FORMULAS.length ? [FORMULAS[i]!, c[1]!, c[2]!, c[3]!, '9', ...c.slice(5)] : c),
    });
    const report = await ingestAt(rig, homeKey('skm', 'formula.csv', '31.71'), body, minute(2));
    expect(report.rows_rejected).toBe(FORMULAS.length);
    const text = (await rig.lake.readBytes(report.quarantine_key!)).toString();
    const cells = [
      ...(parse(text, { delimiter: ';', bom: true }) as string[][]).flat(),
      ...text.split(/[;,\n]/),
    ];
    const dangerous = cells.map((c) => c.replace(/^"/, '')).filter((c) => /^[=+\-@\t\r]/.test(c));
    expect(dangerous).toEqual([]);
    expect(text).toContain(`'=HYPERLINK`);
  });

  it('keeps the fixtures’ names, phones, e-mails and NIK out of every file the pipeline writes', async () => {
    const n = 40;
    const json = JSON.stringify(
      Array.from({ length: n }, (_, i) =>
        Object.fromEntries(COMPLAINT_HEADER.map((h, k) => [h, complaintRow(i, 9)[k]])),
      ),
    );
    const someBad = complaintsCsv(n, 11, (c, i) =>
      i === 3 ? c.map((v, k) => (k === 9 ? 'bukan status' : v)) : c,
    );
    const rejected = complaintsCsv(n, 12, (c) => c.map((v, k) => (k === 7 ? 'kemarin' : v)));
    const outcomes = [
      await ingestAt(rig, homeKey('complaints', 'lapor.json'), json, minute(3)),
      await ingestAt(rig, homeKey('complaints', 'lapor.csv', '31.71'), someBad, minute(4)),
      await ingestAt(rig, homeKey('complaints', 'lapor-rusak.csv', '35.78'), rejected, minute(5)),
      await ingestAt(
        rig,
        homeKey('complaints', 'lapor-terpotong.json', '36.71'),
        json.slice(0, 2000),
        minute(6),
      ),
    ].map((r) => r.status);
    expect(outcomes).toEqual(['accepted', 'accepted', 'rejected', 'rejected']);
    const store = new LocalStore(rig.lake.root);
    const engine = await DuckDbEngine.open(store);
    await evaluate({ lake: store, engine, period: '2026-Q3' }).finally(() => engine.close());
    const needles = Array.from({ length: n }, (_, i) => Object.values(personOf(i))).flat();
    const found = await scanLake(rig.lake.root, needles);
    expect(found.files).toBeGreaterThan(20);
    expect(found.hits).toEqual([]);
    // the scan finds what is there: the uploads themselves are full of it
    expect((await scanLake(rig.uploads.root, needles)).hits.length).toBeGreaterThan(n);
  });
});

/** Every file of the lake as text (Parquet decoded by DuckDB), searched for each needle. */
async function scanLake(root: string, needles: string[]): Promise<{ files: number; hits: string[] }> {
  const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const duck = await Duck.open({ threads: 1 });
  const hits: string[] = [];
  try {
    for (const f of files) {
      const path = join(f.parentPath, f.name);
      const text = f.name.endsWith('.parquet')
        ? JSON.stringify(await duck.rows('SELECT * FROM read_parquet($path)', { path }))
        : await readFile(path, 'utf8');
      const digits = text.replace(/\D/g, '');
      for (const needle of needles) {
        const numeric = /^[\d-]+$/.test(needle) && digits.includes(needle.replace(/\D/g, ''));
        if (text.includes(needle) || numeric) hits.push(`${path}: ${needle}`);
      }
    }
  } finally {
    duck.close();
  }
  return { files: files.length, hits };
}
