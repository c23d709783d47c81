import { ChromiumMissing, resolveChromium } from './chromium.ts';

/** Test files that drive Chromium: the browser is provisioned only when the run includes one. */
const BROWSER_TESTS = ['test/dashboard/dashboard.test.ts', 'test/web/browser.test.ts'];

/** File filters given to `vitest run` (none: the whole suite). */
const filters = () => process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run');

/**
 * Vitest global setup: find or install Chromium before any test runs, and hand its path to the test
 * workers through `CHROMIUM_PATH`. Without one, stop the run with one line saying what to install.
 */
export default function setup(): void {
  const wanted = filters();
  if (wanted.length && !wanted.some((f) => BROWSER_TESTS.some((t) => t.includes(f.replace(/^\.\//, '')))))
    return;
  try {
    process.env.CHROMIUM_PATH = resolveChromium();
  } catch (e) {
    if (!(e instanceof ChromiumMissing)) throw e;
    process.stderr.write(`\n${e.message}\n`);
    process.exit(1);
  }
}
