import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryLake, tempDir } from '../support/lake.ts';
import { evaluateLake, SKM_HEADER, skmRow, upload, varied } from './helpers.ts';

const P = '2026-Q3';
const skm = (n: number, bad = 0) =>
  [
    SKM_HEADER,
    ...Array.from({ length: n }, (_, i) =>
      skmRow(
        `R${i}`,
        'U1',
        i < bad ? [9, ...varied(i).slice(1)] : varied(i),
        `2026-08-0${1 + (i % 9)} 10:00:00`,
      ),
    ),
  ].join('\n');
const status = (lake: string) =>
  queryLake<{
    region_code: string;
    dataset: string;
    status: string;
    accepted_rows: number;
    submitted_at: string;
  }>(
    lake,
    "SELECT region_code, dataset, status, accepted_rows::INTEGER AS accepted_rows, CAST(submitted_at AS VARCHAR) AS submitted_at FROM submission_status WHERE dataset = 'skm' AND region_code IN ('11', '12', '13', '14')",
  );

let tmp: Awaited<ReturnType<typeof tempDir>>;
let lake: string;
beforeAll(async () => {
  tmp = await tempDir();
  lake = join(tmp.dir, 'lake');
  await mkdir(lake);
  // the deadline of 2026-Q3 is 15 October 2026, 23:59:59 WIB (UTC+7)
  await upload(lake, 'a.csv', skm(120), '2026-10-15T16:59:00Z', { dataset: 'skm', region: '11', period: P }); // 23:59 WIB
  await upload(lake, 'b.csv', skm(121), '2026-10-15T17:01:00Z', { dataset: 'skm', region: '12', period: P }); // 00:01 WIB
  await upload(lake, 'c.csv', skm(122), '2026-10-01T03:00:00Z', { dataset: 'skm', region: '13', period: P });
  const rejected = await upload(lake, 'd.csv', skm(100, 50), '2026-10-05T03:00:00Z', {
    dataset: 'skm',
    region: '13',
    period: P,
  });
  expect(rejected.status).toBe('rejected');
  await upload(lake, 'e.csv', skm(100, 50), '2026-10-05T03:00:00Z', {
    dataset: 'skm',
    region: '14',
    period: P,
  });
});
afterAll(() => tmp.cleanup());

describe('submission monitoring', () => {
  it('puts 23:59 WIB on the deadline day on time and 00:01 the next day late; keeps accepted data after a rejected resubmission', async () => {
    await evaluateLake(lake, P);
    expect(await status(lake)).toEqual([
      {
        region_code: '11',
        dataset: 'skm',
        status: 'on_time',
        accepted_rows: 120,
        submitted_at: '2026-10-15 23:59:00',
      },
      {
        region_code: '12',
        dataset: 'skm',
        status: 'late',
        accepted_rows: 121,
        submitted_at: '2026-10-16 00:01:00',
      },
      {
        region_code: '13',
        dataset: 'skm',
        status: 'on_time',
        accepted_rows: 122,
        submitted_at: '2026-10-01 10:00:00',
      },
      {
        region_code: '14',
        dataset: 'skm',
        status: 'rejected',
        accepted_rows: 0,
        submitted_at: '2026-10-05 10:00:00',
      },
    ]);
    const rows = await queryLake<{ n: number }>(
      lake,
      "SELECT count(*)::INTEGER AS n FROM skm_responses WHERE region_code = '13'",
    );
    expect(rows).toEqual([{ n: 122 }]);
  });

  it('covers the whole roster: 552 regions x 3 datasets, missing where nothing arrived', async () => {
    const rows = await queryLake<{ status: string; n: number }>(
      lake,
      'SELECT status, count(*)::INTEGER AS n FROM submission_status GROUP BY 1 ORDER BY 1',
    );
    expect(rows).toEqual([
      { status: 'late', n: 1 },
      { status: 'missing', n: 552 * 3 - 4 },
      { status: 'on_time', n: 2 },
      { status: 'rejected', n: 1 },
    ]);
  });
});

describe('ranking snapshots', () => {
  it('are content-addressed: the same inputs give the same snapshot, untouched; new input gives a new one', async () => {
    const first = await evaluateLake(lake, P);
    const folder = join(lake, 'published', 'rankings', P, first.manifest.run_id);
    const before = await Promise.all(
      (await readdir(folder)).map(async (f) => [f, (await stat(join(folder, f))).mtimeMs]),
    );
    const again = await evaluateLake(lake, P);
    expect(again.created).toBe(false);
    expect(again.manifest).toEqual(first.manifest);
    const after = await Promise.all(
      (await readdir(folder)).map(async (f) => [f, (await stat(join(folder, f))).mtimeMs]),
    );
    expect(after).toEqual(before);
    expect(first.manifest.files).toEqual(
      expect.arrayContaining([
        'service_index_region.parquet',
        'submission_status.csv',
        'integrity_flags.parquet',
      ]),
    );
    const inputs = JSON.parse(await readFile(join(folder, 'inputs.json'), 'utf8'));
    expect(inputs.inputs.map((i: { region_code: string }) => i.region_code).sort()).toEqual([
      '11',
      '12',
      '13',
    ]);
    expect(inputs.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    await upload(lake, 'f.csv', skm(101), '2026-10-02T03:00:00Z', {
      dataset: 'skm',
      region: '14',
      period: P,
    });
    const changed = await evaluateLake(lake, P);
    expect(changed.created).toBe(true);
    expect(changed.manifest.run_id).not.toBe(first.manifest.run_id);
    expect(changed.manifest.inputs_hash).not.toBe(first.manifest.inputs_hash);
    expect((await stat(join(folder, 'manifest.json'))).isFile()).toBe(true);
    const latest = JSON.parse(await readFile(join(lake, 'published', 'rankings', P, 'latest.json'), 'utf8'));
    expect(latest.run_id).toBe(changed.manifest.run_id);
  });

  it('record their methodology and calendar; a v1 snapshot keeps the columns v1 published', async () => {
    const header = async (run: { manifest: { period: string; run_id: string } }) =>
      (
        await readFile(
          join(lake, 'published', 'rankings', P, run.manifest.run_id, 'service_index_region.csv'),
          'utf8',
        )
      ).split('\n')[0]!;
    const v1 = await evaluateLake(lake, P, 'v1');
    const v2 = await evaluateLake(lake, P, 'v2');
    expect([v1.manifest.methodology_version, v2.manifest.methodology_version]).toEqual(['v1', 'v2']);
    expect(v1.manifest.methodology_hash).not.toBe(v2.manifest.methodology_hash);
    expect(v1.manifest.inputs_hash).toBe(v2.manifest.inputs_hash);
    // 2026-Q3's windows end by 29 Nov 2026: inside 2026, which has its SKB
    expect([v1.manifest.calendar_provisional, v2.manifest.calendar_provisional]).toEqual([false, false]);
    expect(await header(v2)).toContain('score_reason');
    expect(await header(v1)).not.toMatch(/score_reason|calendar_provisional/);
    const again = await evaluateLake(lake, P, 'v1');
    expect([again.created, again.manifest.run_id]).toEqual([false, v1.manifest.run_id]);
  });
});
