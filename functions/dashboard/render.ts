import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BuildOptions } from 'esbuild';
import type { DashboardData } from './model.ts';

/** Page sources: the HTML template, its stylesheet and the client entry point. */
const SOURCES = new URL('../../dashboards/', import.meta.url);

/** The client bundled at deploy time (a Lambda has no esbuild); absent in the repository. */
const PREBUILT = new URL('app.js', SOURCES);

/** Bundle the client (chart.js included) into one minified IIFE, or read the one bundled at deploy time. */
export async function bundleClient(): Promise<string> {
  const prebuilt = await readFile(PREBUILT, 'utf8').catch(() => undefined);
  if (prebuilt !== undefined) return prebuilt;
  const { build } = await import('esbuild');
  return bundledText(await build(browserBundle(new URL('app/main.ts', SOURCES))));
}

/** esbuild options for a page's client: one minified IIFE for browsers, kept in memory (dashboard, web site). */
export const browserBundle = (entry: URL): BuildOptions & { write: false } => ({
  entryPoints: [entry.pathname],
  bundle: true,
  write: false,
  format: 'iife',
  minify: true,
  platform: 'browser',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'silent',
});

/** The single output file of an in-memory {@link browserBundle} build. */
export function bundledText(result: { outputFiles?: { text: string }[] }): string {
  const [out] = result.outputFiles ?? [];
  if (!out) throw new Error('esbuild produced no output');
  return out.text;
}

/** JSON that is safe inside a `<script>` element: no `<` can close it or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** Inline code must not contain a closing script tag. */
const inlineScript = (js: string) => js.replace(/<\/(script)/gi, '<\\/$1');

/** Content-Security-Policy: only the page's own inline script (by hash) runs; no network at all. */
function csp(script: string): string {
  const hash = createHash('sha256').update(script).digest('base64');
  const policy = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:`;
  return `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
}

/**
 * The self-contained page: the template with a CSP, the stylesheet, the data (as JSON) and the client
 * bundle inlined, so it opens from `file://`, offline, with no server.
 */
export async function renderPage(data: DashboardData, bundle: string): Promise<string> {
  const [template, style] = await Promise.all([
    readFile(new URL('index.html', SOURCES), 'utf8'),
    readFile(new URL('style.css', SOURCES), 'utf8'),
  ]);
  const script = inlineScript(bundle);
  const parts: Record<string, string> = {
    csp: csp(script),
    style: `<style>${style.replaceAll('</', '<\\/')}</style>`,
    data: `<script type="application/json" id="pantau-data">${scriptJson(data)}</script>`,
    script: `<script>${script}</script>`,
  };
  return template.replace(/<!-- pantau:(\w+) -->/g, (marker, name: string) => parts[name] ?? marker);
}
