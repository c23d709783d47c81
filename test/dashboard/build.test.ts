import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Duck, literal } from '#core/duckdb.ts';
import { LocalStore } from '#core/local-store.ts';
import { REGIONS } from '#core/regions.ts';
import { buildDashboard, DashboardError, loadDashboardData } from '#dashboard/index.ts';
import { UNITS_PER_REGION } from '#dashboard/operations.ts';
import { unpack } from '#dashboard/pack.ts';
import { main } from '../../cli/main.ts';
import { fixtureLake, PERIODS, SNAPSHOT_RUN_ID } from './fixture.ts';
import { HOSTILE, type Row } from './fixture-rows.ts';

let root: string;
let marts: Record<string, Row[]>;
const temps: string[] = [];

async function tempLake(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pantau-dashboard-'));
  temps.push(dir);
  return dir;
}

beforeAll(async () => {
  ({ root, marts } = await fixtureLake());
  temps.push(root);
});
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe('dashboard data', () => {
  it('reads the latest period with a service index, its history and the snapshot', async () => {
    const data = await loadDashboardData(new LocalStore(root));
    expect(data.period).toBe(PERIODS[1]);
    expect(data.periods).toEqual([...PERIODS]);
    expect(data.snapshot).toMatchObject({ run_id: SNAPSHOT_RUN_ID, methodology_version: 'v1' });
    const regions = unpack(data.regions);
    expect(regions).toHaveLength(REGIONS.length);
    const fixture = marts.service_index_region!.find(
      (r) => r.period === PERIODS[1] && r.region_code === '32.73',
    )!;
    expect(regions.find((r) => r.code === '32.73')).toMatchObject({
      name: fixture.region_name,
      level: 'kota',
      province_code: '32',
      index_score: fixture.index_score,
      rank_national: fixture.rank_national,
      ranked: fixture.ranked,
    });
    expect(data.history['32.73']).toHaveLength(2);
    expect(unpack(data.compliance)).toHaveLength(REGIONS.length * 3);
    expect(data.flags.total).toBe(marts.integrity_flags!.filter((r) => r.period === PERIODS[1]).length);
  });

  it('keeps IKM by unit compact: the lowest units per region, with counts over all units', async () => {
    const data = await loadDashboardData(new LocalStore(root), PERIODS[0]);
    const units = marts.ikm_unit!.filter((u) => u.period === PERIODS[0] && u.region_code === '11');
    expect(data.units['11']!.total).toBe(units.length);
    expect(data.units['11']!.rows.length).toBe(Math.min(units.length, UNITS_PER_REGION));
    const lowest = Math.min(...units.map((u) => Number(u.ikm_konversi)));
    expect(data.units['11']!.rows[0]![3]).toBe(lowest);
    expect(data.snapshot).toBeNull();
  });

  it('reads a mart with only the contract minimum columns, and fails clearly without one', async () => {
    const lake = await tempLake();
    const dir = join(lake, 'warehouse', 'service_index_region', 'year=2026', 'quarter=3');
    await mkdir(dir, { recursive: true });
    const values = REGIONS.map((r, i) => `(${literal(r.code)}, ${(i % 50) / 10}, ${i + 1})`).join(', ');
    const duck = await Duck.open();
    await duck.run(
      `COPY (SELECT '2026-Q3' AS period, * FROM (VALUES ${values}) AS v(region_code, index_score, rank_national))
       TO ${literal(join(dir, 'data.parquet'))} (FORMAT parquet)`,
    );
    duck.close();
    const data = await loadDashboardData(new LocalStore(lake));
    const regions = unpack(data.regions);
    expect(regions.find((r) => r.code === '31')).toMatchObject({
      name: REGIONS.find((r) => r.code === '31')?.name,
      level: 'provinsi',
      ranked: true,
      category: null,
    });
    expect(data.flags.total).toBe(0);
    await expect(loadDashboardData(new LocalStore(lake), '2026-Q1')).rejects.toThrow(DashboardError);
    await expect(loadDashboardData(new LocalStore(await tempLake()))).rejects.toThrow(/service_index_region/);
  });
});

describe('dashboard page', () => {
  it('is one self-contained file: inlined script allowed by its CSP hash, data escaped, light', async () => {
    const { path } = await buildDashboard({ lake: new LocalStore(root) });
    const page = await readFile(path, 'utf8');
    expect(page.length).toBeLessThan(1_000_000);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page).not.toContain(HOSTILE);
    const script = /<script>([\s\S]*)<\/script>/.exec(page)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(page).toContain(`script-src 'sha256-${hash}'`);
  });

  it('`pantau dashboard` prints the path; a malformed period is a usage error', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['dashboard', '--lake', root, '--period', PERIODS[0]])).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toContain(join(root, 'published', 'dashboard', 'index.html'));
    expect(await main(['dashboard', '--lake', root, '--period', '2026-5'])).toBe(2);
    expect(await main(['dashboard', '--lake', await tempLake()])).toBe(1);
    log.mockRestore();
    error.mockRestore();
  });
});
