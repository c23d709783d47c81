import { createSign } from 'node:crypto';
import { SITE_DASHBOARD_PREFIX } from './dashboard.ts';

/** Minutes the dashboard's signed cookies open it for; the page asks for new ones each time it shows it. */
export const DASHBOARD_COOKIE_MINUTES = 15;

/** The key CloudFront checks the cookies with: its public key's id, and the matching private key (PEM). */
export interface CookieSigningKey {
  keyPairId: string;
  privateKeyPem: string;
}

/** The cookies' names, as CloudFront reads them (custom policy). */
export const SIGNED_COOKIE_NAMES = ['CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id'];

/** Base64 with the substitutions CloudFront requires in cookie values: `+` → `-`, `=` → `_`, `/` → `~`. */
export function cloudFrontBase64(bytes: Buffer): string {
  return bytes.toString('base64').replaceAll('+', '-').replaceAll('=', '_').replaceAll('/', '~');
}

/** A custom policy allowing `resource` until `expiresAt` (whole epoch seconds), as JSON without white space. */
export function customPolicy(resource: string, expiresAt: Date): string {
  const epoch = Math.floor(expiresAt.getTime() / 1000);
  return JSON.stringify({
    Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': epoch } } }],
  });
}

/** The path of the site the cookies are sent to (and valid for): CloudFront's dashboard behaviour. */
export const DASHBOARD_COOKIE_PATH = `/${SITE_DASHBOARD_PREFIX}`;

/**
 * The three `Set-Cookie` values that open the dashboard of `siteOrigin` (`https://d….cloudfront.net`) for
 * {@link DASHBOARD_COOKIE_MINUTES}: a custom policy for `{siteOrigin}/dashboard/*`, its RSA-SHA1 signature
 * and the key pair id. Sent only over HTTPS, to the dashboard path only, never readable by scripts nor sent
 * from other sites; no `Expires`, so they also end with the browser session.
 */
export function dashboardCookies(key: CookieSigningKey, siteOrigin: string, now: Date): string[] {
  const expiresAt = new Date(now.getTime() + DASHBOARD_COOKIE_MINUTES * 60_000);
  const policy = customPolicy(`${siteOrigin}${DASHBOARD_COOKIE_PATH}*`, expiresAt);
  const signature = createSign('RSA-SHA1').update(policy, 'utf8').sign(key.privateKeyPem);
  const values = [cloudFrontBase64(Buffer.from(policy, 'utf8')), cloudFrontBase64(signature), key.keyPairId];
  const attributes = `Path=${DASHBOARD_COOKIE_PATH}; Secure; HttpOnly; SameSite=Strict`;
  return SIGNED_COOKIE_NAMES.map((name, i) => `${name}=${values[i]}; ${attributes}`);
}
