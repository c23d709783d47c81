import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { REGIONS } from '#core/regions.ts';
import { buildDashboard, DashboardError, loadDashboardData } from '#dashboard/index.ts';
import { unpack } from '#dashboard/pack.ts';
import { runCli } from '../support/cli.ts';
import { queryLake, tempDir } from '../support/lake.ts';
import { generatedLake, martRows, PERIODS } from './fixture.ts';

let root: string;
let cleanup: () => Promise<void>;
const latest = PERIODS.at(-1)!;

beforeAll(async () => {
  ({ root, cleanup } = await generatedLake());
}, 240_000);
afterAll(() => cleanup());

describe('dashboard data, read from marts the real models built', () => {
  it('joins each region with its IKM and grade, complaint SLAs and FKP figures', async () => {
    const data = await loadDashboardData(new LocalStore(root));
    expect(data.period).toBe(latest);
    expect(data.available).toEqual(PERIODS);
    const regions = unpack(data.regions);
    expect(regions).toHaveLength(REGIONS.length);
    const ikm = await martRows(root, 'ikm_region', latest);
    expect(ikm.length).toBeGreaterThan(0);
    for (const i of ikm) {
      const r = regions.find((x) => x.code === i.region_code)!;
      expect([r.ikm_konversi, r.mutu]).toEqual([i.ikm_konversi, i.mutu]);
    }
    const complaints = await martRows(root, 'complaint_region', latest);
    for (const c of complaints) {
      const r = regions.find((x) => x.code === c.region_code)!;
      expect(r.complaints_received).toBe(c.received);
      expect([r.verification_met, r.verification_missed, r.verification_pending]).toEqual([
        c.verification_met,
        c.verification_missed,
        c.verification_pending,
      ]);
      // every complaint received is met, missed or still pending on verification (methodology v2, rule 1)
      expect(r.verification_met! + r.verification_missed! + r.verification_pending!).toBe(c.received);
    }
  });

  it('gives the cut-off in WIB: the newest accepted upload of the period', async () => {
    const data = await loadDashboardData(new LocalStore(root), PERIODS[0]);
    const [row] = await queryLake<{ t: string }>(
      root,
      `select strftime(max(uploaded_at) + interval 7 hour, '%Y-%m-%d %H:%M') as t from submissions where period = '${PERIODS[0]}' and status = 'accepted'`,
    );
    expect(data.cutoff).toBe(row!.t);
    const latestJson = JSON.parse(
      await readFile(join(root, 'published', 'rankings', PERIODS[0]!, 'latest.json'), 'utf8'),
    );
    expect(data.snapshot?.run_id).toBe(latestJson.run_id);
  });

  it('refuses a lake without marts, and a period the marts do not hold, in Bahasa Indonesia', async () => {
    const empty = await tempDir();
    await expect(loadDashboardData(new LocalStore(empty.dir))).rejects.toThrow(
      /belum berisi tabel service_index_region/,
    );
    await empty.cleanup();
    await expect(loadDashboardData(new LocalStore(root), '2025-Q1')).rejects.toThrow(DashboardError);
    await expect(loadDashboardData(new LocalStore(root), '2025-Q1')).rejects.toThrow(
      `periode yang ada: ${PERIODS.join(', ')}`,
    );
  });
});

describe('dashboard folder', () => {
  it('has one self-contained page per period, index.html on the latest, and the snapshots’ files', async () => {
    const built = await buildDashboard({ lake: new LocalStore(root) });
    const dir = join(root, 'published', 'dashboard');
    expect((await readdir(dir)).sort()).toEqual(
      [...PERIODS.map((p) => `${p}.html`), 'index.html', 'unduh'].sort(),
    );
    const page = await readFile(built.path, 'utf8');
    expect(page).toBe(await readFile(join(dir, `${latest}.html`), 'utf8'));
    expect(page.length).toBeLessThan(1_500_000);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    const script = /<script>([\s\S]*)<\/script>/.exec(page)![1]!;
    expect(page).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    for (const period of PERIODS) {
      const runs = await readdir(join(dir, 'unduh', period));
      expect(runs).toHaveLength(1);
      const files = await readdir(join(dir, 'unduh', period, runs[0]!));
      expect(files).toEqual(
        expect.arrayContaining(['manifest.json', 'service_index_region.csv', 'service_index_region.parquet']),
      );
    }
  });

  it('`pantau dashboard` builds every period; --period picks the opening one; errors are one Bahasa line', async () => {
    const built = await runCli('dashboard', '--lake', root, '--period', PERIODS[0]!);
    expect(built).toMatchObject({ code: 0 });
    expect(built.out).toContain(`Dasbor ${PERIODS.join(', ')} (dibuka pada ${PERIODS[0]})`);
    expect(await readFile(join(root, 'published', 'dashboard', 'index.html'), 'utf8')).toBe(
      await readFile(join(root, 'published', 'dashboard', `${PERIODS[0]}.html`), 'utf8'),
    );
    const malformed = await runCli('dashboard', '--lake', root, '--period', '2026-5');
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(/^Salah pemakaian: periode tidak valid: "2026-5" \(format YYYY-Qn/);
    const empty = await tempDir();
    const nothing = await runCli('dashboard', '--lake', empty.dir);
    await empty.cleanup();
    expect(nothing.code).toBe(1);
    expect(nothing.err).toMatch(/^Gagal: lake .* belum berisi tabel service_index_region/);
    expect(nothing.err.split('\n')).toHaveLength(1);
  });
});
