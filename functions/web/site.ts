import { readFileSync } from 'node:fs';
import { buildSync } from 'esbuild';
import { browserBundle, bundledText } from '#dashboard/render.ts';

/** Sources of the pages: the HTML shell, the stylesheet and the client entry point. */
const SOURCES = new URL('./site/', import.meta.url);

/** How the pages sign in: the local session cookie, or Cognito's managed login (tokens in the tab). */
export type SiteConfig = { dashboard_url: string } & (
  | { auth: 'session' }
  | { auth: 'cognito'; domain: string; client_id: string; redirect_uri: string }
);

/**
 * The static site, the same files for `pantau serve` and the AWS bucket: `index.html`, `app.js` (the client,
 * bundled and minified), `style.css`. `config.json` is written by each runtime.
 */
export function buildSite(): Record<string, string> {
  const client = bundledText(buildSync(browserBundle(new URL('app/main.ts', SOURCES))));
  return {
    'index.html': readFileSync(new URL('index.html', SOURCES), 'utf8'),
    'style.css': readFileSync(new URL('style.css', SOURCES), 'utf8'),
    'app.js': client,
  };
}

/** Content types of the site's files. */
export const SITE_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json',
};

/** The pages' Content-Security-Policy (the AWS distribution sends the same one, plus Cognito for sign-in). */
export const SITE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
