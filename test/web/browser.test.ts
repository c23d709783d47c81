import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { buildDashboard } from '#dashboard/index.ts';
import { reportingPeriod } from '#web/deadline.ts';
import { createLocalApp } from '#web/local.ts';
import { badText, launch } from '../dashboard/browser.ts';
import { generatedLake } from '../dashboard/fixture.ts';
import { messySkm, sheetRow } from './fixtures.ts';

const OUT = join(process.cwd(), 'test-output', 'web');
const OFFICER = { email: 'petugas@jakpus.go.id', password: 'sandi-petugas-jakpus', region: '31.71' };
const MINISTRY = { email: 'analis@kemenpan.go.id', password: 'sandi-analis-kementerian' };
const run = promisify(execFile);

let root = '';
let cleanup: (() => Promise<void>) | undefined;
let url = '';
let browser: Browser;
let page: Page;
let stop: () => Promise<void>;
const problems: string[] = [];

/** `pantau users add … --password-stdin`, the real CLI. */
async function addUser(args: string[], password: string): Promise<void> {
  const child = run(process.execPath, [
    'bin/pantau.js',
    'users',
    'add',
    '--lake',
    root,
    ...args,
    '--password-stdin',
  ]);
  child.child.stdin!.end(`${password}\n`);
  const { stdout } = await child;
  expect(stdout).toContain('Akun dibuat');
  expect(stdout).not.toContain(password);
}

/** Screenshot the current page at desktop and phone width; at 390 px nothing may overflow sideways. */
async function shoot(name: string): Promise<void> {
  expect(await badText(page)).toEqual([]);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: join(OUT, `${name}-1400.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows at 390 px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(OUT, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1400, height: 900 });
}

async function signIn(user: { email: string; password: string }): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${url}/#/masuk`);
  await page.fill('input[type=email]', user.email);
  await page.fill('input[type=password]', user.password);
  await page.click('form#signin button[type=submit]');
}

beforeAll(async () => {
  ({ root, cleanup } = await generatedLake());
  await buildDashboard({ lake: new LocalStore(root) });
  await mkdir(OUT, { recursive: true });
  await addUser(['--email', OFFICER.email, '--region', '3171'], OFFICER.password);
  await addUser(['--email', MINISTRY.email, '--ministry'], MINISTRY.password);
  const server = serve({ fetch: (await createLocalApp(root)).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = () => new Promise((r) => server.close(() => r()));
  browser = await launch();
  page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
    locale: 'id-ID',
    acceptDownloads: true,
  });
  // a 401 from /api/me before sign-in is the contract ("not signed in"); anything else is a problem
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('status of 401')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
});
afterAll(async () => {
  await browser?.close();
  await stop?.();
  await cleanup?.();
});

describe('officer and ministry in Chromium', () => {
  it('an officer signs in, uploads a messy export, reads the report and downloads the rejected rows', async () => {
    await page.goto(url);
    await page.waitForSelector('form#signin');
    await shoot('masuk');
    await signIn(OFFICER);
    await page.waitForSelector('form#upload');
    const period = reportingPeriod(new Date(), (await loadMethodology()).methodology.submission).id;
    expect(await page.inputValue('input[name=period]')).toBe(period);
    await shoot('unggah');
    const file = join(root, '..', `SKM Triwulan ${period}.csv`);
    await writeFile(file, messySkm(period));
    await page.selectOption('select[name=dataset]', 'skm');
    await page.setInputFiles('input[type=file]', file);
    await page.click('form#upload button[type=submit]');
    await page.waitForSelector('#report');
    expect(await page.getAttribute('#report', 'data-status')).toBe('accepted');
    expect(await page.textContent('#report .outcome')).toContain('DITERIMA');
    const cells = await page.$$eval('#cells tbody td', (tds) => tds.map((td) => td.textContent));
    expect(cells.slice(0, 3)).toEqual([String(sheetRow(7)), 'U3', '7']);
    // the units the file replaced, in words; no raw report fields
    const details = await page.textContent('#details');
    expect(details).toMatch(/Unit yang datanya diganti berkas ini\s*U-01/);
    expect(details).not.toMatch(/[{}"]|nihil|skipped/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#rejected-rows')]);
    expect(download.suggestedFilename()).toMatch(/^baris-ditolak-skm-\d{4}-Q\d-31\.71\./);
    const saved = join(root, '..', download.suggestedFilename());
    await download.saveAs(saved);
    expect((await readFile(saved, 'utf8')).split('\n').length).toBeGreaterThanOrEqual(2);
    await shoot('laporan');
    await page.click('a[href="#/status"]');
    await page.waitForSelector('#history');
    expect(await page.textContent(`table[data-period="${period}"] tr[data-dataset=skm]`)).toMatch(
      /tepat waktu/i,
    );
    expect(await page.textContent('#next-deadline')).toMatch(/hari lagi|hari ini/);
    await shoot('status');
    await page.click('#signout');
    await page.waitForSelector('form#signin');
  });

  it("the ministry sees the national dashboard, that region's status and a report", async () => {
    const asked: string[] = [];
    const track = (r: { method(): string; url(): string }) => {
      if (new URL(r.url()).pathname.startsWith('/api/dashboard'))
        asked.push(`${r.method()} ${new URL(r.url()).pathname}`);
    };
    page.on('request', track);
    await signIn(MINISTRY);
    await page.waitForSelector('#regions');
    const frame = await (await page.waitForSelector('iframe#dashboard-frame')).contentFrame();
    await frame!.waitForSelector('main#view h2');
    page.off('request', track);
    // the page asks for access (signed cookies on AWS) before it opens the dashboard
    expect(asked.slice(0, 2)).toEqual(['POST /api/dashboard/access', 'GET /api/dashboard/index.html']);
    // signing in draws the page once: one access request, not one per render racing another
    expect(asked.filter((a) => a === 'POST /api/dashboard/access')).toHaveLength(1);
    expect(await page.$$eval('#regions tbody tr', (rows) => rows.length)).toBe(552);
    expect(await page.textContent('#regions tr[data-code="31.71"]')).toMatch(/tepat waktu/i);
    await shoot('kementerian');
    await page.click('#regions tr[data-code="31.71"] a');
    await page.waitForSelector('#history');
    expect(await page.textContent('#history')).toContain('SKM Triwulan');
    await shoot('wilayah');
    await page.click('#history tbody tr a');
    await page.waitForSelector('#outcome section');
    expect(page.url()).toMatch(/#\/laporan\/[0-9a-f]{20}\/31\.71$/);
    expect(await page.textContent('#outcome')).toContain('31.71');
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
