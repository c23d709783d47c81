import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChromiumMissing, resolveChromium } from './chromium.ts';

/** Test files that drive Chromium: the browser is provisioned only when the run includes one. */
const BROWSER_TESTS = ['test/dashboard/dashboard.test.ts', 'test/web/browser.test.ts'];

/** File filters given to `vitest run` (none: the whole suite). */
const filters = () => process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run');

/**
 * Vitest global setup: give the run one temporary folder, removed when it ends, and find or install
 * Chromium before any test runs.
 *
 * The folder becomes the workers' `TMPDIR`, so everything a test leaves in the system's temporary folder (its
 * lakes and engines, the synthesized stacks, the processes it starts, the browser's profile) goes when the
 * run does, even from a test that failed half-way. Chromium's path reaches the workers through
 * `CHROMIUM_PATH`; without one, the run stops with one line saying what to install.
 */
export default function setup(): () => void {
  const runTemp = mkdtempSync(join(tmpdir(), 'pantau-test-run-'));
  process.env.TMPDIR = runTemp;
  const teardown = () => rmSync(runTemp, { recursive: true, force: true });
  const wanted = filters();
  if (wanted.length && !wanted.some((f) => BROWSER_TESTS.some((t) => t.includes(f.replace(/^\.\//, '')))))
    return teardown;
  try {
    process.env.CHROMIUM_PATH = resolveChromium();
  } catch (e) {
    if (!(e instanceof ChromiumMissing)) throw e;
    process.stderr.write(`\n${e.message}\n`);
    teardown();
    process.exit(1);
  }
  return teardown;
}
