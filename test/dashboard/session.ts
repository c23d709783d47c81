import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { buildDashboard } from '#dashboard/index.ts';
import { badText, canvasInk, launch, watchedPage } from './browser.ts';
import { generatedLake, martRows, PERIODS, type Row } from './fixture.ts';

/** Screenshots land here (gitignored; a CI artefact). */
export const OUT = join(process.cwd(), 'test-output', 'dashboard');

/** The widths every page is checked at: a desktop and a phone. */
export const WIDTHS = { desktop: 1400, phone: 390 } as const;

/** The dashboard built from a generated lake, open in Chromium. Fields are set once `beforeAll` ran. */
export class Session {
  root = '';
  /** Folder of the built dashboard. */
  dir = '';
  page!: Page;
  problems: string[] = [];
  private browser?: Browser;
  private cleanup?: () => Promise<void>;

  /** Register the hooks: generated lake → dashboard → Chromium; cleaned up after the file. */
  static open(): Session {
    const s = new Session();
    beforeAll(async () => {
      ({ root: s.root, cleanup: s.cleanup } = await generatedLake());
      const built = await buildDashboard({ lake: new LocalStore(s.root) });
      expect(built.periods).toEqual(PERIODS);
      s.dir = join(s.root, 'published', 'dashboard');
      await mkdir(OUT, { recursive: true });
      s.browser = await launch();
      ({ page: s.page, problems: s.problems } = await watchedPage(s.browser));
    }, 240_000);
    afterAll(async () => {
      await s.browser?.close();
      await s.cleanup?.();
    });
    return s;
  }

  /** Rows of a mart for a period (default: the latest). */
  rows(mart: string, period: string = PERIODS.at(-1)!): Promise<Row[]> {
    return martRows(this.root, mart, period);
  }

  /** `data-code` of every element matching `selector`. */
  codes(selector: string): Promise<string[]> {
    return this.page.$$eval(selector, (rows) => rows.map((r) => (r as HTMLElement).dataset.code ?? ''));
  }

  /** URL of a page of the dashboard folder (`index.html` or `2026-Q3.html`) at a route. */
  url(route: string, file = 'index.html'): string {
    return `${pathToFileURL(join(this.dir, file)).href}#/${route}`;
  }

  /** Load a page fresh at a route and width; check text, charts and page width; screenshot. */
  async visit(route: string, o: { shot?: string; width?: number; file?: string } = {}): Promise<void> {
    await this.page.setViewportSize({ width: o.width ?? WIDTHS.desktop, height: 900 });
    await this.page.goto('about:blank');
    await this.page.goto(this.url(route, o.file));
    await this.page.waitForSelector('main#view h2');
    await this.check(o.shot);
  }

  /** After any navigation: no bad text, every chart drawn, no horizontal page scroll; screenshot. */
  async check(shot?: string): Promise<void> {
    expect(await badText(this.page)).toEqual([]);
    const points = await this.page.$$eval('canvas', (cs) =>
      cs.map((c) => Number((c as HTMLElement).dataset.points)),
    );
    expect(points.every((n) => n > 0)).toBe(true);
    expect((await canvasInk(this.page)).every((ink) => ink > 200)).toBe(true);
    expect(await this.overflow()).toEqual({ scroll: 0 });
    if (shot) await this.page.screenshot({ path: join(OUT, `${shot}.png`), fullPage: true });
  }

  /** How far the page scrolls sideways (0 when everything fits the viewport). */
  overflow(): Promise<{ scroll: number }> {
    return this.page.evaluate(() => ({
      scroll: Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth),
    }));
  }
}
