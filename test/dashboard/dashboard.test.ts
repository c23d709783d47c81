import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { REGIONS } from '#core/regions.ts';
import { buildDashboard } from '#dashboard/index.ts';
import { badText, canvasInk, launch, watchedPage } from './browser.ts';
import { fixtureLake, PERIODS, SNAPSHOT_RUN_ID } from './fixture.ts';
import { HOSTILE, type Row } from './fixture-rows.ts';

const OUT = join(process.cwd(), 'test-output', 'dashboard');
let root: string;
let marts: Record<string, Row[]>;
let url: string;
let browser: Browser;
let page: Page;
let problems: string[];

const latest = (model: string) => marts[model]!.filter((r) => r.period === PERIODS[1]);
const codes = (selector: string) =>
  page.$$eval(selector, (rows) => rows.map((r) => (r as HTMLElement).dataset.code ?? ''));

/** Load the page fresh at a route, check it rendered cleanly (no bad text, every chart has points and ink), screenshot it. */
async function visit(route: string, shot?: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${url}#/${route}`);
  await page.waitForSelector('main#view h2');
  expect(await badText(page)).toEqual([]);
  const points = await page.$$eval('canvas', (cs) =>
    cs.map((c) => Number((c as HTMLElement).dataset.points)),
  );
  expect(points.every((n) => n > 0)).toBe(true);
  expect((await canvasInk(page)).every((ink) => ink > 500)).toBe(true);
  if (shot) await page.screenshot({ path: join(OUT, `${shot}.png`), fullPage: true });
}

beforeAll(async () => {
  ({ root, marts } = await fixtureLake());
  const built = await buildDashboard({ lake: new LocalStore(root) });
  expect(built.period).toBe(PERIODS[1]);
  url = pathToFileURL(built.path).href;
  await mkdir(OUT, { recursive: true });
  browser = await launch();
  ({ page, problems } = await watchedPage(browser));
});

afterAll(async () => {
  await browser?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('dashboard in Chromium', () => {
  it('Nasional: all 38 provinces, a ranking row for every ranked region, Indonesian numbers', async () => {
    await visit('nasional', 'nasional');
    expect(await page.locator('.provenance').textContent()).toContain(
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
    const first = page.locator('#rank-provinsi tbody tr').first();
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
    const table = page.locator('#rank-kabkota');
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
    await page.locator('.tiles .tile[data-code="35"]').click();
    await page.waitForFunction(() => document.querySelector('main h2')?.textContent?.includes('Jawa Timur'));
    expect(page.url()).toContain('#/provinsi/35');
    await visit('provinsi/35', 'provinsi');
    const children = latest('service_index_region').filter(
      (r) => r.province_code === '35' && r.level !== 'provinsi',
    );
    expect((await codes('#rank-children tbody tr')).sort()).toEqual(
      children.map((r) => String(r.region_code)).sort(),
    );
    const units = latest('ikm_unit').filter((u) => u.region_code === '35');
    expect(await page.locator('#units tbody tr').count()).toBe(units.length);
    await page.locator('#units select').selectOption('35.78');
    const cityUnits = latest('ikm_unit').filter((u) => u.region_code === '35.78');
    expect(await page.locator('#units tbody tr').count()).toBe(cityUnits.length);
  });

  it('renders data strings as text, never as markup', async () => {
    await visit('provinsi/31');
    expect(await page.locator('#units').textContent()).toContain(HOSTILE);
    await visit('integritas');
    expect(await page.locator('#flag-list').textContent()).toContain(HOSTILE);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('Kepatuhan pelaporan: counts per status and the region list', async () => {
    await visit('kepatuhan', 'kepatuhan');
    const statuses = latest('submission_status');
    const missing = statuses.filter((s) => s.status === 'missing');
    const card = page.locator('.card', { hasText: 'Tidak mengirim' });
    expect(await card.locator('.card-value').textContent()).toBe(
      new Intl.NumberFormat('id-ID').format(missing.length),
    );
    expect(await page.locator('#compliance-list tbody tr').count()).toBe(REGIONS.length);
    await page.locator('#compliance-list select[data-filter="status"]').selectOption('missing');
    await page.locator('#compliance-list select[data-filter="dataset"]').selectOption('skm');
    const expected = missing.filter((s) => s.dataset === 'skm').map((s) => String(s.region_code));
    expect((await codes('#compliance-list tbody tr')).sort()).toEqual(expected.sort());
  });

  it('Integritas: flags by type and region with details', async () => {
    await visit('integritas', 'integritas');
    const flags = latest('integrity_flags');
    expect(await page.locator('#flag-list tbody tr').count()).toBe(flags.length);
    const types = new Set(flags.map((f) => f.flag));
    expect(await page.locator('#flag-types tbody tr').count()).toBe(
      new Set(flags.map((f) => `${f.flag}|${f.dataset}|${f.severity}`)).size,
    );
    await page.locator('#flag-list select[data-filter="flag"]').selectOption('fkp_ceremonial');
    expect(await page.locator('#flag-list tbody tr').count()).toBe(
      flags.filter((f) => f.flag === 'fkp_ceremonial').length,
    );
    expect(types.size).toBeGreaterThan(3);
  });

  it('says "belum ada snapshot" for a period without one', async () => {
    const built = await buildDashboard({ lake: new LocalStore(root), period: PERIODS[0] });
    expect(built.period).toBe(PERIODS[0]);
    await visit('nasional');
    expect(await page.locator('.provenance').textContent()).toContain('belum ada snapshot');
    expect(await page.locator('.provenance').textContent()).toContain('2026-Q1');
  });

  it('logs no console errors and makes no network request', () => {
    expect(problems).toEqual([]);
  });
});
