/** How this deployment signs in (served as `/config.json` by each runtime). */
import type { SiteConfig as Config } from '../../site.ts';

let config: Config = { auth: 'session', dashboard_url: '/api/dashboard' };
const TOKEN = 'pantau.id_token';
const VERIFIER = 'pantau.pkce';

export async function loadConfig(): Promise<Config> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (res.ok) config = (await res.json()) as Config;
  return config;
}

export const usesCognito = () => config.auth === 'cognito';
/** Where the national dashboard page is served (through the API locally, CloudFront on AWS). */
export const dashboardUrl = () => config.dashboard_url;

/** Headers that carry the sign-in: none with the session cookie, the ID token with Cognito. */
export function authHeaders(): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN);
  return config.auth === 'cognito' && token ? { authorization: `Bearer ${token}` } : {};
}

const b64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** Cognito: go to the managed sign-in page (authorization code with PKCE). */
export async function redirectToSignIn(): Promise<void> {
  if (config.auth !== 'cognito') return;
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)).buffer);
  sessionStorage.setItem(VERIFIER, verifier);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: config.client_id,
    redirect_uri: config.redirect_uri,
    scope: 'openid email',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.assign(`https://${config.domain}/oauth2/authorize?${q}`);
}

/** Cognito: back from the sign-in page with `?code=`: trade it for the ID token, kept in this tab only. */
export async function completeSignIn(): Promise<void> {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(VERIFIER);
  if (config.auth !== 'cognito' || !code || !verifier) return;
  const res = await fetch(`https://${config.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.client_id,
      code,
      redirect_uri: config.redirect_uri,
      code_verifier: verifier,
    }),
  });
  sessionStorage.removeItem(VERIFIER);
  if (res.ok) sessionStorage.setItem(TOKEN, ((await res.json()) as { id_token: string }).id_token);
  history.replaceState(null, '', location.pathname);
}

/** Sign out: end the local session, or drop the token and end the Cognito session. */
export async function signOut(): Promise<void> {
  if (config.auth === 'cognito') {
    sessionStorage.removeItem(TOKEN);
    const q = new URLSearchParams({ client_id: config.client_id, logout_uri: config.redirect_uri });
    location.assign(`https://${config.domain}/logout?${q}`);
    return;
  }
  await fetch('/api/session', { method: 'DELETE' });
  location.hash = '#/masuk';
  location.reload();
}
