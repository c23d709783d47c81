import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodRange } from '#core/period.ts';
import type { EvaluateResult } from '#evaluate/evaluate.ts';
import { DEFAULT_PERIODS, type GroundTruth, generate, readGroundTruth } from '#generate/index.ts';
import { scoreAgainstTruth } from '#generate/score.ts';
import { listFiles } from '#ingest/local.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { ingestPool } from '../../cli/ingest-pool.ts';
import { queryLake, tempDir } from '../support/lake.ts';
import { evaluateLake } from './helpers.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let truth: GroundTruth;
let reports: SubmissionReport[];
let lake: string;
const results: EvaluateResult[] = [];

beforeAll(async () => {
  tmp = await tempDir();
  const input = join(tmp.dir, 'input');
  lake = join(tmp.dir, 'lake');
  await generate({ out: input, scale: 'tiny', seed: 7 });
  truth = readGroundTruth(input);
  const files = await listFiles([join(input, 'uploads')]);
  // as `pantau ingest` does, with two worker processes: the units registries first, so the units a forms
  // export names get their codes; a file sent twice is the duplicate wherever its first copy is
  reports = (await ingestPool(files, { lake, jobs: 2 })).map((r) => ({
    ...r,
    file: relative(input, r.file),
  }));
  for (const p of periodRange(DEFAULT_PERIODS)) results.push(await evaluateLake(lake, p.id));
}, 240_000);
afterAll(() => tmp.cleanup());

describe('a generated tiny national tree, end to end', () => {
  it('ingests every file with the outcome the ground truth predicts', () => {
    const expected = Object.fromEntries(truth.files.map((f) => [f.file, f.expected_status]));
    const got = Object.fromEntries(reports.map((r) => [r.file, r.status]));
    expect(got).toEqual(expected);
    expect(reports.filter((r) => r.status === 'rejected').every((r) => r.errors.length > 0)).toBe(true);
  });

  it("gives the units of a forms export, named only, the codes of the region's registry", async () => {
    const forms = truth.files.filter((f) => f.mess.includes('shape:forms'));
    expect(forms.length).toBeGreaterThan(0);
    for (const f of forms) {
      const r = reports.find((x) => x.file === f.file)!;
      expect(r.columns.mapped.unit_id, f.file).toBeUndefined();
      expect(r.unit_codes.length, f.file).toBeGreaterThan(0);
      expect(r.unit_codes.filter((u) => u.source !== 'registry' || u.unit_id.startsWith('N-'))).toEqual([]);
    }
    const units = (table: string) =>
      queryLake<{ unit: string }>(
        lake,
        `select distinct region_code || '/' || unit_id as unit from ${table}`,
      );
    const registry = new Set((await units('units')).map((u) => u.unit));
    expect((await units('skm_responses')).filter((u) => !registry.has(u.unit))).toEqual([]);
  });

  it('records each submission at the upload time of its first file, duplicates ignored', async () => {
    const first = truth.files.filter((f) => f.expected_status === 'accepted');
    const ledger = await queryLake<{ source_key: string; uploaded_at: string }>(
      lake,
      "select source_key, strftime(uploaded_at, '%Y-%m-%dT%H:%M:%S.000Z') as uploaded_at from submissions where status = 'accepted'",
    );
    const got = ledger.map((e) => `${relative(join(tmp.dir, 'input'), `/${e.source_key}`)}|${e.uploaded_at}`);
    expect(got.sort()).toEqual(first.map((f) => `${f.file}|${f.uploaded_at}`).sort());
  });

  it('finds exactly the missing submissions and the planted integrity problems', async () => {
    const status = await queryLake(
      lake,
      'select period, region_code, dataset, status from submission_status',
    );
    const flags = await queryLake(lake, 'select period, region_code, unit_id, flag from integrity_flags');
    const index = await queryLake(
      lake,
      'select period, region_code, missing_components from service_index_region',
    );
    const s = scoreAgainstTruth(truth, status, flags, index);
    expect(s.missing).toMatchObject({ precision: 1, recall: 1 });
    expect(s.missingComponents).toMatchObject({ precision: 1, recall: 1 });
    expect(s.missingComponents.truth).toBeGreaterThan(0);
    expect(s.late).toMatchObject({ precision: 1, recall: 1 });
    expect(s.integrity.truth).toBeGreaterThan(10);
    const completion = await queryLake<Record<string, unknown>>(
      lake,
      'select period, region_code, unit_id, completion_met as met, completion_missed as missed, completion_pending as pending from complaint_unit',
    );
    const line = (r: Record<string, unknown>) =>
      ['period', 'region_code', 'unit_id', 'met', 'missed', 'pending'].map((k) => String(r[k])).join('|');
    const truthLines = truth.complaint_completion.map((c) => line({ ...c }));
    expect(completion.map(line).sort()).toEqual(truthLines.sort());
    expect(truth.complaint_completion.some((c) => c.pending > 0)).toBe(true);
    expect(s.integrity.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.integrity.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('ranks provinces and kabupaten/kota separately with competition ranks, reasons for the unranked', async () => {
    const last = results.at(-1)!;
    expect(last.summary.ranked.provinsi + last.summary.ranked.kabupaten_kota + last.summary.not_ranked).toBe(
      552,
    );
    const rows = await queryLake<{
      level: string;
      ranked: boolean;
      rank_national: number | null;
      not_ranked_reason: string | null;
    }>(
      lake,
      `select level, ranked, rank_national, not_ranked_reason from service_index_region where period = '${last.manifest.period}'`,
    );
    expect(
      rows
        .filter((r) => !r.ranked)
        .every((r) => r.rank_national === null && (r.not_ranked_reason ?? '').length > 5),
    ).toBe(true);
    expect(rows.filter((r) => r.ranked).every((r) => (r.rank_national ?? 0) >= 1)).toBe(true);
  });
});
