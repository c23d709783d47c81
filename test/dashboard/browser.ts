import { type Browser, chromium, type Page } from 'playwright-core';
import { resolveChromium } from '../support/chromium.ts';

/** Launch headless Chromium (found or installed by the global setup; never a downloaded browser). */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: resolveChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A page that records console errors, page errors and any request leaving the file. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'id-ID' });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`);
  });
  return { page, problems };
}

/** Per canvas on the page: how many pixels are not fully transparent (0 = an empty chart). */
export function canvasInk(page: Page): Promise<number[]> {
  return page.$$eval('canvas', (canvases) =>
    canvases.map((c) => {
      if (c.width === 0 || c.height === 0) return 0;
      const copy = document.createElement('canvas');
      copy.width = c.width;
      copy.height = c.height;
      const ctx = copy.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(c, 0, 0);
      const pixels = ctx.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) ink++;
      return ink;
    }),
  );
}

/** Visible text that betrays a formatting bug. */
export async function badText(page: Page): Promise<string[]> {
  const text = (await page.locator('body').textContent()) ?? '';
  return ['NaN', 'undefined', 'null', 'Infinity', '[object Object]'].filter((w) =>
    new RegExp(`\\b${w.replace(/[[\]]/g, '\\$&')}`).test(text),
  );
}
