import { describe, expect, it } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { REGIONS } from '#core/regions.ts';
import { buildDashboard } from '#dashboard/index.ts';
import { PERIODS, SNAPSHOT_RUN_ID } from './fixture.ts';
import { HOSTILE } from './fixture-rows.ts';
import { Session } from './session.ts';

const s = Session.open();
const latest = (model: string) => s.latest(model);
const codes = (selector: string) => s.codes(selector);
const visit = (route: string, shot?: string) => s.visit(route, shot);

describe('dashboard in Chromium', () => {
  it('Nasional: all 38 provinces, a ranking row for every ranked region, Indonesian numbers', async () => {
    await visit('nasional', 'nasional');
    expect(await s.page.locator('.provenance').textContent()).toContain(
      `Metodologi v1 · Snapshot ${SNAPSHOT_RUN_ID}`,
    );
    const provinces = REGIONS.filter((r) => r.level === 'provinsi').map((r) => r.code);
    expect((await codes('.tiles .tile')).sort()).toEqual(provinces);
    expect((await codes('#rank-provinsi tbody tr')).sort()).toEqual(provinces);
    const ranked = latest('service_index_region').filter((r) => r.ranked);
    const shown = new Set([
      ...(await codes('#rank-provinsi tr.ranked')),
      ...(await codes('#rank-kabkota tr.ranked')),
    ]);
    expect(shown.size).toBe(ranked.length);
    for (const r of ranked) expect(shown.has(String(r.region_code))).toBe(true);
    const top = ranked.find((r) => r.level === 'provinsi' && r.rank_national === 1)!;
    const first = s.page.locator('#rank-provinsi tbody tr').first();
    expect(await first.getAttribute('data-code')).toBe(String(top.region_code));
    const index = new Intl.NumberFormat('id-ID', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(Number(top.index_score));
    expect(await first.locator('td').nth(2).textContent()).toBe(index);
    expect(index).toMatch(/^\d,\d{2}$/);
  });

  it('sorts and filters the ranking tables', async () => {
    await visit('nasional');
    const table = s.page.locator('#rank-kabkota');
    await table.locator('input[data-filter="q"]').fill('bandung');
    const names = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(names.every((n) => n.toLowerCase().includes('bandung'))).toBe(true);
    await table.locator('input[data-filter="q"]').fill('');
    await table.locator('input[data-filter="unranked"]').uncheck();
    await table.locator('th button', { hasText: 'Indeks' }).click();
    await table.locator('th button', { hasText: 'Indeks' }).click();
    const scores = (await table.locator('tbody tr td:nth-child(4)').allInnerTexts()).map((t) =>
      Number(t.replace(',', '.')),
    );
    expect(scores.length).toBe(
      latest('service_index_region').filter((r) => r.ranked && r.level !== 'provinsi').length,
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('drills down into a province: its kabupaten/kota ranked, components, IKM by unit', async () => {
    await visit('nasional');
    await s.page.locator('.tiles .tile[data-code="35"]').click();
    await s.page.waitForFunction(() =>
      document.querySelector('main h2')?.textContent?.includes('Jawa Timur'),
    );
    expect(s.page.url()).toContain('#/provinsi/35');
    await visit('provinsi/35', 'provinsi');
    const children = latest('service_index_region').filter(
      (r) => r.province_code === '35' && r.level !== 'provinsi',
    );
    expect((await codes('#rank-children tbody tr')).sort()).toEqual(
      children.map((r) => String(r.region_code)).sort(),
    );
    const units = latest('ikm_unit').filter((u) => u.region_code === '35');
    expect(await s.page.locator('#units tbody tr').count()).toBe(units.length);
    await s.page.locator('#units select').selectOption('35.78');
    const cityUnits = latest('ikm_unit').filter((u) => u.region_code === '35.78');
    expect(await s.page.locator('#units tbody tr').count()).toBe(cityUnits.length);
  });

  it('renders data strings as text, never as markup', async () => {
    await visit('provinsi/31');
    expect(await s.page.locator('#units').textContent()).toContain(HOSTILE);
    await visit('integritas');
    expect(await s.page.locator('#flag-list').textContent()).toContain(HOSTILE);
    expect(await s.page.locator('main img, main script').count()).toBe(0);
    expect(await s.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('Kepatuhan pelaporan: counts per status and the region list', async () => {
    await visit('kepatuhan', 'kepatuhan');
    const statuses = latest('submission_status');
    const missing = statuses.filter((s) => s.status === 'missing');
    const card = s.page.locator('.card', { hasText: 'Tidak mengirim' });
    expect(await card.locator('.card-value').textContent()).toBe(
      new Intl.NumberFormat('id-ID').format(missing.length),
    );
    expect(await s.page.locator('#compliance-list tbody tr').count()).toBe(REGIONS.length);
    await s.page.locator('#compliance-list select[data-filter="status"]').selectOption('missing');
    await s.page.locator('#compliance-list select[data-filter="dataset"]').selectOption('skm');
    const expected = missing.filter((s) => s.dataset === 'skm').map((s) => String(s.region_code));
    expect((await codes('#compliance-list tbody tr')).sort()).toEqual(expected.sort());
  });

  it('Integritas: flags by type and region with details', async () => {
    await visit('integritas', 'integritas');
    const flags = latest('integrity_flags');
    expect(await s.page.locator('#flag-list tbody tr').count()).toBe(flags.length);
    const types = new Set(flags.map((f) => f.flag));
    expect(await s.page.locator('#flag-types tbody tr').count()).toBe(
      new Set(flags.map((f) => `${f.flag}|${f.dataset}|${f.severity}`)).size,
    );
    await s.page.locator('#flag-list select[data-filter="flag"]').selectOption('fkp_ceremonial');
    expect(await s.page.locator('#flag-list tbody tr').count()).toBe(
      flags.filter((f) => f.flag === 'fkp_ceremonial').length,
    );
    expect(types.size).toBeGreaterThan(3);
  });

  it('says "belum ada snapshot" for a period without one', async () => {
    const built = await buildDashboard({ lake: new LocalStore(s.root), period: PERIODS[0] });
    expect(built.period).toBe(PERIODS[0]);
    await visit('nasional');
    expect(await s.page.locator('.provenance').textContent()).toContain('belum ada snapshot');
    expect(await s.page.locator('.provenance').textContent()).toContain('2026-Q1');
  });

  it('logs no console errors and makes no network request', () => {
    expect(s.problems).toEqual([]);
  });
});
