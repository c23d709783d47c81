import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REGIONS } from '#core/regions.ts';
import { HOSTILE, HOSTILE_UNIT, PERIODS } from './fixture.ts';
import { Session, WIDTHS } from './session.ts';

const s = Session.open();
const latest = PERIODS.at(-1)!;
const id = (n: number) =>
  new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

/** Click a download button and parse what the browser saves. */
async function download(selector: string): Promise<{ name: string; rows: string[][] }> {
  const [file] = await Promise.all([
    s.page.waitForEvent('download'),
    s.page.locator(selector).first().click(),
  ]);
  const text = await readFile((await file.path())!, 'utf8');
  return { name: file.suggestedFilename(), rows: parse(text, { bom: true, relax_column_count: false }) };
}

describe('dashboard in Chromium, built from a generated lake', () => {
  it('fits 1400 px and 390 px on every page, without page-level horizontal scroll', async () => {
    const province = (await s.rows('service_index_region')).find((r) => r.level === 'provinsi' && r.ranked)!;
    const kab = (await s.rows('service_index_region')).find((r) => r.level !== 'provinsi' && r.ranked)!;
    const routes = [
      'nasional',
      `provinsi/${province.region_code}`,
      `wilayah/${kab.region_code}`,
      'kepatuhan',
      'integritas',
      'metodologi',
    ];
    for (const [device, width] of Object.entries(WIDTHS))
      for (const route of routes) await s.visit(route, { width, shot: `${route.split('/')[0]}-${device}` });
  });

  it('Nasional: all 38 provinces as tiles, a ranking row for every ranked region, cut-off and snapshot', async () => {
    await s.visit('nasional');
    const provinces = REGIONS.filter((r) => r.level === 'provinsi').map((r) => r.code);
    expect((await s.codes('.tiles .tile')).sort()).toEqual(provinces);
    const ranked = (await s.rows('service_index_region')).filter((r) => r.ranked);
    const shown = [
      ...(await s.codes('#rank-provinsi tr.ranked')),
      ...(await s.codes('#rank-kabkota tr.ranked')),
    ];
    expect(shown.sort()).toEqual(ranked.map((r) => String(r.region_code)).sort());
    const provenance = (await s.page.locator('.provenance').textContent()) ?? '';
    expect(provenance).toMatch(/data per \d{1,2} \w{3} \d{4},? \d{2}\.\d{2} WIB/);
    const rankings = join(s.root, 'published', 'rankings', latest);
    const { run_id } = JSON.parse(await readFile(join(rankings, 'latest.json'), 'utf8'));
    expect(provenance).toContain(`Snapshot ${run_id}`);
    const manifest = JSON.parse(await readFile(join(rankings, run_id, 'manifest.json'), 'utf8'));
    expect(provenance.includes('kalender sementara')).toBe(manifest.calendar_provisional === true);
  });

  it('the province page shows each province’s IKM and grade from ikm_region', async () => {
    const ikm = await s.rows('ikm_region');
    const provinces = ikm.filter((r) => String(r.region_code).length === 2);
    expect(provinces.length).toBeGreaterThan(0);
    for (const p of provinces) {
      await s.visit(`provinsi/${p.region_code}`);
      const card = (await s.page.locator('[data-ikm] .card-value').textContent()) ?? '';
      expect(card).toBe(`${id(Number(p.ikm_konversi))} ${p.mutu}`);
    }
  });

  it('has a page for every ranked region: its index, components, units, submissions and trend', async () => {
    await s.visit('nasional');
    const ranked = (await s.rows('service_index_region')).filter((r) => r.ranked);
    for (const r of ranked) {
      await s.page.evaluate((code) => {
        location.hash = `#/wilayah/${code}`;
      }, String(r.region_code));
      await s.page.waitForSelector(`h2[data-region="${r.region_code}"]`);
      expect(await s.page.locator('.card .card-value').first().textContent()).toBe(id(Number(r.index_score)));
      expect(await s.page.locator('#components tbody tr').count()).toBe(3);
      expect(await s.page.locator('#region-submissions tbody tr').count()).toBe(3);
      await s.check();
    }
  });

  it('shows a missing component as a missing submission, not as a dash', async () => {
    const status = await s.rows('submission_status');
    const index = await s.rows('service_index_region');
    const target = index.find(
      (r) =>
        r.ikm_score !== null && status.some((x) => x.region_code === r.region_code && x.status === 'missing'),
    );
    if (!target) throw new Error('the generated lake has no region with SKM and a missing dataset');
    await s.visit(`wilayah/${target.region_code}`);
    expect(await s.page.locator('#components .pill[data-status="missing"]').count()).toBeGreaterThan(0);
  });

  it('the period selector switches every page to the other period’s data', async () => {
    await s.visit('nasional');
    await s.page.locator('select[data-period]').selectOption(PERIODS[0]!);
    await s.page.waitForURL(new RegExp(`${PERIODS[0]}\\.html#/nasional$`));
    await s.page.waitForSelector('main#view h2');
    expect(await s.page.locator('.provenance').textContent()).toContain(`Periode ${PERIODS[0]}`);
    const before = (await s.rows('service_index_region', PERIODS[0])).filter((r) => r.ranked);
    expect((await s.codes('#rank-kabkota tr.ranked, #rank-provinsi tr.ranked')).sort()).toEqual(
      before.map((r) => String(r.region_code)).sort(),
    );
    await s.check('nasional-periode-lama');
  });

  it('downloads well-formed CSV of what a page shows, and the snapshot files', async () => {
    await s.visit('nasional');
    const table = await download('#rank-kabkota button[data-download]');
    expect(table.name).toBe(`peringkat-kabupaten-kota-${latest}.csv`);
    expect(table.rows[0]).toContain('Wilayah');
    expect(table.rows.length - 1).toBe(await s.page.locator('#rank-kabkota tbody tr').count());
    await s.visit('kepatuhan');
    const status = await download('#compliance-list button[data-download]');
    expect(status.rows.length - 1).toBe(REGIONS.length);
    await s.visit('metodologi');
    const links = await s.page.$$eval('.downloads a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.some((h) => h.endsWith('service_index_region.csv'))).toBe(true);
    const csv = await readFile(
      join(s.dir, links.find((h) => h.endsWith('service_index_region.csv'))!),
      'utf8',
    );
    expect(parse(csv, { columns: true })).toHaveLength(REGIONS.length);
  });

  it('links the integrity card to the flag definitions on the methodology page', async () => {
    await s.visit('integritas');
    await s.page.getByRole('link', { name: 'lihat definisi di metodologi' }).click();
    await s.page.waitForSelector('#sinyal');
    expect(s.page.url()).toMatch(/#\/metodologi\/sinyal$/);
    expect(await s.page.locator('#method-flags tbody tr').count()).toBeGreaterThan(5);
    const document = existsSync(fileURLToPath(new URL('../../docs/methodology.md', import.meta.url)));
    expect((await s.page.locator('details#dokumen table').count()) > 0).toBe(document);
  });

  it('renders data strings as text, never as markup', async () => {
    await s.visit(`wilayah/${HOSTILE_UNIT.region}`);
    expect(await s.page.locator('#region-units').textContent()).toContain(HOSTILE);
    expect(await s.page.locator('main img, main script').count()).toBe(0);
    expect(await s.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('logs no console errors and makes no network request', () => {
    expect(s.problems).toEqual([]);
  });
});
