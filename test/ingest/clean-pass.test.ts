import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatasetId, dataset } from '#core/datasets/index.ts';
import type { Duck } from '#core/duckdb.ts';
import { LocalStore } from '#core/local-store.ts';
import { parsePeriod } from '#core/period.ts';
import { openIngestEngine } from '#ingest/engine.ts';
import { mapHeader } from '#ingest/headers.ts';
import { type IngestContext, ingestSubmission } from '#ingest/ingest.ts';
import type { Target } from '#ingest/key.ts';
import { writeCurated } from '#ingest/outputs.ts';
import { inspectFile } from '#ingest/read/inspect.ts';
import { openSource } from '#ingest/read/open.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { curateClean, stage } from '#ingest/stage.ts';
import {
  COMPLAINT_HEADER,
  complaintRow,
  delimited,
  SKM_HEADER,
  skmCsv,
  skmRow,
} from '../fixtures/hostile/rows.ts';
import { homeKey, minute, putUpload } from '../reliability/harness.ts';
import { tempDir } from '../support/lake.ts';

/**
 * A large export read on one engine thread numbers its rows in the scan, and a clean one is validated and
 * curated in one pass (no staged file). Each case is ingested by a one-thread engine and by a two-thread one
 * (which reads an upload of up to 2 MiB on one thread too, a larger one staged first, then curated): the
 * reports and the curated rows, their order and the file's metadata must be the same, and only a clean
 * export may skip the staged file.
 */

/** Rows enough for a CSV above the 1 MiB that makes a source "large" (read where it is). */
const ROWS = 20_000;
/**
 * Rows enough for an SKM CSV above 2 MiB, which a two-thread engine reads on both threads: staged, its
 * rows numbered from the staged file, and so compared here with the one-thread engine's reading.
 */
const LARGE = 2 * ROWS;

interface Side {
  threads: number;
  ctx: IngestContext;
  uploads: LocalStore;
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
let sides: Side[];
let reader: Duck;
let cases = 0;
beforeAll(async () => {
  tmp = await tempDir('pantau-clean-pass-');
  sides = await Promise.all(
    [1, 2].map(async (threads) => {
      const scratch = join(tmp.dir, `scratch-${threads}`);
      const ctx: IngestContext = {
        lake: new LocalStore(join(tmp.dir, `lake-${threads}`)),
        duck: await openIngestEngine(scratch, { threads }),
        scratchDir: scratch,
        piiSalt: 'uji-garam',
        maxInvalidShare: 0.05,
      };
      return { threads, ctx, uploads: new LocalStore(join(tmp.dir, 'uploads')) };
    }),
  );
  reader = sides[0]!.ctx.duck;
});
afterAll(async () => {
  for (const side of sides ?? []) side.ctx.duck.close();
  await tmp?.cleanup();
});

/**
 * Ingest `body` on both engines; each side's report (without its clock), curated rows and staged file.
 * `units`: the region's unit registry (a units CSV), ingested on both first.
 */
async function ingestBoth(dataset: DatasetId, name: string, body: string, units?: string) {
  // each case its own region of the lake (a file of its own), so that earlier cases never merge in: the
  // regencies of Jawa Tengah, 33.01–33.29
  const region = `33.${String(1 + cases++).padStart(2, '0')}`;
  const key = homeKey(dataset, name, region);
  await putUpload(sides[0]!.uploads, key, body, minute(1));
  const registry = units === undefined ? undefined : homeKey('units', 'unit.csv', region);
  if (registry) await putUpload(sides[0]!.uploads, registry, units!, minute(0));
  return Promise.all(
    sides.map(async (side) => {
      if (registry)
        expect(await ingestSubmission(side.ctx, { store: side.uploads, key: registry })).toMatchObject({
          status: 'accepted',
        });
      const staged = join(side.ctx.scratchDir, 'staged.parquet');
      await rm(staged, { force: true });
      const { processed_at: _, ...report } = (await ingestSubmission(side.ctx, {
        store: side.uploads,
        key,
      })) as SubmissionReport & { processed_at: string };
      const file = report.curated_key ? (side.ctx.lake as LocalStore).path(report.curated_key) : null;
      return { report, curated: file ? await curatedOf(file) : null, staged: existsSync(staged) };
    }),
  );
}

/** A curated file's rows in file order, and its key-value metadata. */
async function curatedOf(file: string) {
  const rows = await reader.rows(`SELECT * FROM read_parquet('${file}') ORDER BY source_row`);
  const order = await reader.rows(`SELECT source_row FROM read_parquet('${file}', file_row_number = true)
    ORDER BY file_row_number`);
  const metadata = await reader.rows(
    `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${file}')`,
  );
  return { rows, order, metadata };
}

describe('one pass for a large clean export', () => {
  // above 2 MiB the two-thread engine reads on both threads and stages; up to 2 MiB it reads on one thread
  // and takes the one pass too
  it.each([
    ['curates a clean CSV without a staged file, as the staged path does', LARGE, 3, true],
    [
      'takes the one pass on a two-thread engine too for a clean CSV it reads on one thread (up to 2 MiB)',
      ROWS,
      12,
      false,
    ],
  ] as const)('%s', async (_, rows, seed, twoThreadsStage) => {
    const body = skmCsv(rows, { seed });
    expect(Buffer.byteLength(body) > 2 * 1024 * 1024).toBe(twoThreadsStage);
    const [one, two] = await ingestBoth('skm', `bersih-${seed}.csv`, body);
    expect(one!.report).toEqual(two!.report);
    expect(one!.report).toMatchObject({ status: 'accepted', rows_accepted: rows, rows_rejected: 0 });
    expect(one!.curated).toEqual(two!.curated);
    expect(one!.curated!.rows).toHaveLength(rows);
    expect([one!.staged, two!.staged]).toEqual([false, twoThreadsStage]);
  });

  it('curates a clean converted export (JSON) as staging and curating it does', async () => {
    // a conversion's rows are numbered in its file, so every engine takes the one pass: compared here
    // with the two steps it replaces, on the same source
    const records = Array.from({ length: ROWS }, (_, i) =>
      Object.fromEntries(SKM_HEADER.map((h, k) => [h, skmRow(i, 5)[k]])),
    );
    const file = join(tmp.dir, 'bersih.json');
    await writeFile(file, JSON.stringify(records));
    const ds = dataset('skm');
    const src = await openSource(file, await inspectFile(file), ds, reader, tmp.dir);
    const mapping = mapHeader(ds, src.header);
    const target: Target = { dataset: 'skm', region: '32.73', period: parsePeriod('2026-Q3')! };
    const lineage = { region: '32.73', period: '2026-Q3', submissionId: 'abc' };
    const metadata = "KV_METADATA {pantau_holdings: 'x'}";
    const params = { submissionId: 'abc', salt: 's' };
    const noRegistry = async () => new Map<string, string>();
    const onePass = join(tmp.dir, 'one-pass.parquet');
    const rows = await curateClean(reader, ds, src, mapping, target, {
      ...params,
      path: onePass,
      lineage,
      metadata,
      registry: noRegistry,
    });
    expect(rows).toEqual({ rows: ROWS, unitCodes: [] });
    const staged = await stage(reader, ds, src, mapping, target, {
      ...params,
      path: join(tmp.dir, 'staged.parquet'),
      rejectedPath: join(tmp.dir, 'rejected.parquet'),
    });
    const twoSteps = join(tmp.dir, 'two-steps.parquet');
    await writeCurated(reader, ds, lineage, twoSteps, metadata, staged);
    expect(await curatedOf(onePass)).toEqual(await curatedOf(twoSteps));
  });

  it('stages a clean export with a cell only the full parsers read, as before', async () => {
    // `2026/08/05` is a date the fast paths do not read: the one pass leaves it unread and so does not take
    // the file, which is staged with the full parsers and accepted whole
    const body = skmCsv(LARGE, {
      seed: 8,
      edit: (c, i) => (i === LARGE - 2 ? [...c.slice(0, 3), '2026/08/05', ...c.slice(4)] : c),
    });
    const [one, two] = await ingestBoth('skm', 'bersih-parser-lengkap.csv', body);
    expect(one!.report).toEqual(two!.report);
    expect(one!.report).toMatchObject({ status: 'accepted', rows_accepted: LARGE, rows_rejected: 0 });
    expect(one!.curated).toEqual(two!.curated);
    expect(one!.curated!.rows.find((r) => r.source_row === LARGE)).toMatchObject({
      survey_date: '2026-08-05',
    });
    expect([one!.staged, two!.staged]).toEqual([true, true]);
  });

  it('curates a forms export without a column for the unit codes in one pass, each code from the registry or the name', async () => {
    // every row takes its code from a name: the registry's code where it knows the name (in any case and
    // spacing), else one derived from the name; the two-thread engine stages this file and resolves after
    const rows = [SKM_HEADER, ...Array.from({ length: LARGE }, (_, i) => skmRow(i, 9))];
    const body = delimited(rows.map((r) => r.slice(1)));
    const units = 'Kode Unit,Nama Unit\nREG-1,DINAS LAYANAN 1\nREG-2,Dinas  layanan 2\nREG-X,Dinas Lain\n';
    const [one, two] = await ingestBoth('skm', 'formulir-tanpa-kode.csv', body, units);
    expect(one!.report).toEqual(two!.report);
    expect(one!.report).toMatchObject({ status: 'accepted', rows_accepted: LARGE, rows_rejected: 0 });
    expect(one!.report.unit_codes).toEqual([
      // by the code each name derives
      { name: 'Dinas Layanan 0', unit_id: 'N-DINAS-LAYANAN-0', source: 'derived' },
      { name: 'Dinas Layanan 1', unit_id: 'REG-1', source: 'registry' },
      { name: 'Dinas Layanan 2', unit_id: 'REG-2', source: 'registry' },
      { name: 'Dinas Layanan 3', unit_id: 'N-DINAS-LAYANAN-3', source: 'derived' },
    ]);
    expect(one!.curated).toEqual(two!.curated);
    expect(new Set(one!.curated!.rows.map((r) => r.unit_id))).toEqual(
      new Set(['N-DINAS-LAYANAN-0', 'REG-1', 'REG-2', 'N-DINAS-LAYANAN-3']),
    );
    expect([one!.staged, two!.staged]).toEqual([false, true]);
  });

  it('curates a forms export naming its units in one pass without a registry, each code from the name', async () => {
    const rows = [SKM_HEADER, ...Array.from({ length: LARGE }, (_, i) => skmRow(i, 10))];
    const body = delimited(rows.map((r) => r.slice(1)));
    const [one, two] = await ingestBoth('skm', 'formulir-tanpa-daftar.csv', body);
    expect(one!.report).toEqual(two!.report);
    expect(one!.report.unit_codes.map((u) => u.source)).toEqual(['derived', 'derived', 'derived', 'derived']);
    expect(one!.curated).toEqual(two!.curated);
    expect([one!.staged, two!.staged]).toEqual([false, true]);
  });

  for (const [what, id, body, rule] of [
    [
      'an invalid row near the end',
      'skm',
      skmCsv(LARGE, {
        seed: 4,
        edit: (c, i) => (i === LARGE - 3 ? [...c.slice(0, 5), '7', ...c.slice(6)] : c),
      }),
      'di_luar_rentang',
    ],
    [
      'a unit code taken from the unit name',
      'skm',
      skmCsv(LARGE, { seed: 6, edit: (c, i) => (i === LARGE - 1 ? ['', ...c.slice(1)] : c) }),
      null,
    ],
    [
      'an invalid row and units named but not coded',
      'skm',
      delimited(
        [SKM_HEADER, ...Array.from({ length: LARGE }, (_, i) => skmRow(i, 11))].map((r, i) =>
          (i === LARGE / 2 ? [...r.slice(0, 5), '9', ...r.slice(6)] : r).slice(1),
        ),
      ),
      'di_luar_rentang',
    ],
    [
      'a repeated key',
      'complaints',
      delimited([
        [...COMPLAINT_HEADER],
        ...Array.from({ length: ROWS / 2 }, (_, i) => complaintRow(i === ROWS / 2 - 1 ? 0 : i, 7)),
      ]),
      'duplikat',
    ],
  ] as const) {
    it(`stages an export with ${what} as before`, async () => {
      const [one, two] = await ingestBoth(id, `tidak-bersih-${id}.csv`, body);
      expect(one!.report).toEqual(two!.report);
      expect(one!.report.status).toBe('accepted');
      if (rule) expect(one!.report.rules.map((r) => r.rule)).toContain(rule);
      else expect(one!.report.unit_codes).toHaveLength(1);
      expect(one!.curated).toEqual(two!.curated);
      expect([one!.staged, two!.staged]).toEqual([true, true]);
    });
  }
});

describe('row numbers below blank lines', () => {
  // a blank line after every 100th data row but the last: the last row (data row LARGE) has 399 above it
  const withBlankLines = (body: string) =>
    `${body
      .trimEnd()
      .split('\n')
      .flatMap((line, i) => (i % 100 === 0 && i > 0 && i < LARGE ? [line, ''] : [line]))
      .join('\n')}\n`;
  const lastRow = 1 + LARGE + 399;

  it('numbers them in the one pass as staging does', async () => {
    const [one, two] = await ingestBoth(
      'skm',
      'bersih-baris-kosong.csv',
      withBlankLines(skmCsv(LARGE, { seed: 13 })),
    );
    expect(one!.report).toEqual(two!.report);
    expect(one!.report).toMatchObject({ status: 'accepted', rows_accepted: LARGE });
    expect(one!.curated).toEqual(two!.curated);
    expect(one!.curated!.rows.at(-1)).toMatchObject({ source_row: lastRow });
    expect([one!.staged, two!.staged]).toEqual([false, true]);
  });

  it("reports an invalid row by the officer's row number, whichever engine numbers it", async () => {
    const body = skmCsv(LARGE, {
      seed: 14,
      edit: (c, i) => (i === LARGE - 1 ? [...c.slice(0, 5), '7', ...c.slice(6)] : c),
    });
    const [one, two] = await ingestBoth('skm', 'salah-baris-kosong.csv', withBlankLines(body));
    expect(one!.report).toEqual(two!.report);
    expect(one!.report.samples.map((s) => s.row)).toEqual([lastRow]);
    expect(one!.curated).toEqual(two!.curated);
  });
});

describe('row numbers below very many blank lines', () => {
  it("numbers them by joining the runs, in the officer's order", async () => {
    // a blank line after every data row: 2,099 runs above the last row, more than the expression takes
    const rows = 2_100;
    const body = skmCsv(rows, {
      seed: 15,
      edit: (c, i) => (i === rows - 1 ? [...c.slice(0, 5), '7', ...c.slice(6)] : c),
    });
    const lines = body.trimEnd().split('\n');
    const [one, two] = await ingestBoth(
      'skm',
      'baris-kosong-berselang.csv',
      `${lines.flatMap((line, i) => (i === 0 ? [line] : [line, ''])).join('\n')}\n`,
    );
    expect(one!.report).toEqual(two!.report);
    expect(one!.report).toMatchObject({ status: 'accepted', rows_accepted: rows - 1 });
    // data row i is the spreadsheet's row 2i
    expect(one!.report.samples.map((s) => s.row)).toEqual([2 * rows]);
    expect(one!.curated!.order.map((r) => r.source_row)).toEqual(
      Array.from({ length: rows - 1 }, (_, i) => 2 * (i + 1)),
    );
  });
});

describe('engine threads by upload size', () => {
  it('reads an upload of up to 2 MiB on one thread, a larger one on all, and switches only between them', async () => {
    const two = sides[1]!;
    const threads = async () =>
      Number((await two.ctx.duck.rows<{ n: string }>("SELECT current_setting('threads') AS n"))[0]!.n);
    const small = delimited([
      [...COMPLAINT_HEADER],
      ...Array.from({ length: 60 }, (_, i) => complaintRow(i, 9)),
    ]);
    const [a, b] = await ingestBoth('complaints', 'kecil.csv', small);
    expect(await threads()).toBe(1);
    // the same rows in the same order as from a one-thread engine
    expect(b!.report).toEqual(a!.report);
    expect(b!.curated).toEqual(a!.curated);
    const large = skmCsv(LARGE, { seed: 11 });
    expect(Buffer.byteLength(large)).toBeGreaterThan(2 * 1024 * 1024);
    await ingestBoth('skm', 'besar.csv', large);
    expect(await threads()).toBe(2);
  });
});
