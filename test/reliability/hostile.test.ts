import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '#core/ledger.ts';
import { ingestSubmission } from '#ingest/ingest.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { keyOf } from '../fixtures/hostile/case.ts';
import { HOSTILE_CASES } from '../fixtures/hostile/index.ts';
import { queryLake, tempDir } from '../support/lake.ts';
import {
  curatedHash,
  goodExport,
  homeKey,
  ingestAt,
  minute,
  openRig,
  putUpload,
  type Rig,
} from './harness.ts';

/** Generous bounds: a hostile file must never take the process anywhere near a Lambda's limits. */
const MAX_SECONDS = 20;
const MAX_RSS_MB = 1536;
const INDONESIAN = /\b(tidak|berkas|kolom|baris|kode|periode|dataset|melebihi|terlalu|kunci|kosong|bukan)\b/i;

let tmp: Awaited<ReturnType<typeof tempDir>>;
let rig: Rig;
const seen = { peakRssMb: 0, slowest: 0 };

beforeAll(async () => {
  tmp = await tempDir('pantau-hostile-');
  rig = await openRig(tmp.dir);
  for (const ds of ['skm', 'complaints'] as const)
    expect((await ingestAt(rig, homeKey(ds, 'awal.csv'), goodExport(ds, 1000), minute(0))).status).toBe(
      'accepted',
    );
});
afterAll(async () => {
  rig?.close();
  await tmp?.cleanup();
  console.info(
    `hostile corpus: ${HOSTILE_CASES.length} cases, slowest ${seen.slowest.toFixed(2)} s, peak RSS ${seen.peakRssMb.toFixed(0)} MB`,
  );
});

function assertOutcome(report: SubmissionReport, expected: (typeof HOSTILE_CASES)[number]['expect']): void {
  expect(report.status, JSON.stringify(report.errors)).toBe(expected.status);
  if (expected.status === 'rejected') {
    expect(report.errors.join(' ')).toMatch(expected.reason);
    expect(report.errors.join(' ')).toMatch(INDONESIAN);
    expect(report.summary).toMatch(/^DITOLAK: .* Data yang sudah diterima sebelumnya tetap dipakai\.$/s);
    expect(report).toMatchObject({ rows_accepted: 0, curated_key: null });
    return;
  }
  expect(report.errors).toEqual([]);
  expect(report.summary).toMatch(/^DITERIMA: /);
  if (expected.rowsAccepted !== undefined) expect(report.rows_accepted).toBe(expected.rowsAccepted);
  if (expected.rowsRejected !== undefined) expect(report.rows_rejected).toBe(expected.rowsRejected);
  for (const rule of expected.rules ?? []) expect(report.rules.map((r) => r.rule)).toContain(rule);
  for (const sample of report.samples) expect(sample.message).toMatch(INDONESIAN);
}

describe('hostile corpus: every case has its outcome, a report, bounded cost, and harms nothing', () => {
  it('holds at least 40 distinct cases', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(HOSTILE_CASES.map((c) => c.name)).size).toBe(HOSTILE_CASES.length);
  });

  HOSTILE_CASES.forEach((c, i) => {
    it(c.name, async () => {
      const key = keyOf(c);
      if (!key.split('/').includes('..')) await putUpload(rig.uploads, key, c.bytes(), minute(2 * i + 1));
      const before = await curatedHash(rig.lake, c.dataset);
      const started = performance.now();
      const report = await ingestSubmission(rig.ctx, { store: rig.uploads, key });
      const seconds = (performance.now() - started) / 1000;
      const rssMb = process.memoryUsage().rss / 1024 / 1024;
      Object.assign(seen, {
        peakRssMb: Math.max(seen.peakRssMb, rssMb),
        slowest: Math.max(seen.slowest, seconds),
      });
      expect(seconds).toBeLessThan(MAX_SECONDS);
      expect(rssMb).toBeLessThan(MAX_RSS_MB);
      assertOutcome(report, c.expect);
      // the report and, last, the ledger entry were written, and they agree
      const stored = JSON.parse((await rig.lake.readBytes(report.report_key)).toString()) as SubmissionReport;
      expect(stored).toMatchObject({ status: report.status, errors: report.errors });
      const ledger = await queryLake<LedgerEntry>(
        rig.lake.root,
        `SELECT status, rows_accepted FROM submissions WHERE submission_id = '${report.submission_id}'`,
      );
      expect(ledger).toEqual([{ status: report.status, rows_accepted: String(report.rows_accepted) }]);
      if (report.status === 'rejected') expect(await curatedHash(rig.lake, c.dataset)).toBe(before);
      // the same engine takes the next good file
      const good = await ingestAt(
        rig,
        homeKey(c.dataset, `gut-${i}.csv`),
        goodExport(c.dataset, i),
        minute(2 * i + 2),
      );
      expect(good).toMatchObject({ status: 'accepted', rows_accepted: 20, superseded_on_arrival_by: null });
      const table = c.dataset === 'skm' ? 'skm_responses' : 'complaints';
      const rows = await queryLake<{ id: string; n: string }>(
        rig.lake.root,
        `SELECT submission_id AS id, count(*) AS n FROM ${table} WHERE region_code = '32.73' GROUP BY 1`,
      );
      expect(rows).toEqual([{ id: good.submission_id, n: '20' }]);
    });
  });
});
