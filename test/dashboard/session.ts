import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { buildDashboard } from '#dashboard/index.ts';
import { badText, canvasInk, launch, watchedPage } from './browser.ts';
import { fixtureLake, PERIODS } from './fixture.ts';
import type { Row } from './fixture-rows.ts';

/** Screenshots land here (gitignored; a CI artefact). */
export const OUT = join(process.cwd(), 'test-output', 'dashboard');

/** The dashboard built from a fixture lake, open in Chromium. Fields are set once `beforeAll` ran. */
export class Session {
  root = '';
  marts: Record<string, Row[]> = {};
  url = '';
  page!: Page;
  problems: string[] = [];
  private browser?: Browser;

  /** Register the hooks: fixture lake → dashboard → Chromium; cleaned up after the file. */
  static open(): Session {
    const s = new Session();
    beforeAll(async () => {
      ({ root: s.root, marts: s.marts } = await fixtureLake());
      const built = await buildDashboard({ lake: new LocalStore(s.root) });
      expect(built.period).toBe(PERIODS[1]);
      s.url = pathToFileURL(built.path).href;
      await mkdir(OUT, { recursive: true });
      s.browser = await launch();
      ({ page: s.page, problems: s.problems } = await watchedPage(s.browser));
    });
    afterAll(async () => {
      await s.browser?.close();
      if (s.root) await rm(s.root, { recursive: true, force: true });
    });
    return s;
  }

  /** Rows of a fixture mart for the latest period. */
  latest(model: string): Row[] {
    return this.marts[model]!.filter((r) => r.period === PERIODS[1]);
  }

  /** `data-code` of every element matching `selector`. */
  codes(selector: string): Promise<string[]> {
    return this.page.$$eval(selector, (rows) => rows.map((r) => (r as HTMLElement).dataset.code ?? ''));
  }

  /** Load the page fresh at a route; check no bad text and that every chart has points and ink; screenshot. */
  async visit(route: string, shot?: string): Promise<void> {
    await this.page.goto('about:blank');
    await this.page.goto(`${this.url}#/${route}`);
    await this.page.waitForSelector('main#view h2');
    expect(await badText(this.page)).toEqual([]);
    const points = await this.page.$$eval('canvas', (cs) =>
      cs.map((c) => Number((c as HTMLElement).dataset.points)),
    );
    expect(points.every((n) => n > 0)).toBe(true);
    expect((await canvasInk(this.page)).every((ink) => ink > 500)).toBe(true);
    if (shot) await this.page.screenshot({ path: join(OUT, `${shot}.png`), fullPage: true });
  }
}
