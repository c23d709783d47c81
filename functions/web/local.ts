import { resolve } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { LocalStore } from '#core/local-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { ingestLocalFiles } from '#ingest/local.ts';
import { bodyOf, createApi, onApiError } from './api.ts';
import { HttpError, NOT_SIGNED_IN } from './identity.ts';
import { publicReport } from './reports.ts';
import { SESSION_COOKIE, SESSION_HOURS, Sessions, SignInLimiter } from './sessions.ts';
import { buildSite, SITE_CSP, SITE_TYPES, type SiteConfig } from './site.ts';
import { checkUploadKey, MAX_UPLOAD_BYTES } from './uploads.ts';
import { checkPassword } from './users.ts';

/** Locally the dashboard comes through the API, behind the session (ministry only). */
const LOCAL_CONFIG: SiteConfig = { auth: 'session', dashboard_url: '/api/dashboard/index.html' };

/** Where the browser posts a file locally (the stand-in for S3's presigned POST). */
const LOCAL_UPLOAD_PATH = '/api/uploads/local';

/**
 * `pantau serve`: the pages and the API over a local lake. Sign-in by the lake's accounts (session cookie:
 * HttpOnly, SameSite=Strict, 8 h); uploads are written to the lake's `uploads/…` and ingested at once with
 * the same core as `pantau ingest`, one at a time.
 */
export async function createLocalApp(lakeDir: string, options: { now?: () => Date } = {}): Promise<Hono> {
  const store = new LocalStore(resolve(lakeDir));
  const sessions = new Sessions();
  const byEmail = new SignInLimiter(5, 15 * 60_000);
  const byClient = new SignInLimiter(30, 15 * 60_000);
  const identify = (c: Context) => sessions.get(getCookie(c, SESSION_COOKIE));
  const api = createApi({
    store,
    identify,
    uploadTarget: async (plan) => ({ url: LOCAL_UPLOAD_PATH, fields: { key: plan.key } }),
    submission: (await loadMethodology()).methodology.submission,
    now: options.now,
  });
  let queue: Promise<unknown> = Promise.resolve();
  const app = new Hono();
  app.use('*', secureHeaders({ referrerPolicy: 'no-referrer' }));
  app.use('/api/*', csrf());
  app.use('*', async (c, next) => {
    await next();
    if (!c.req.path.startsWith('/api/dashboard')) c.header('content-security-policy', SITE_CSP);
  });
  app.post('/api/session', async (c) => {
    const body = await bodyOf(c);
    const email = String(body.email ?? '')
      .trim()
      .toLowerCase();
    const client = `ip:${getConnInfo(c).remote.address ?? '?'}`;
    const wait = Math.max(byEmail.lockedFor(email), byClient.lockedFor(client));
    if (wait > 0) throw new HttpError(429, `Terlalu banyak percobaan masuk. Coba lagi dalam ${wait} menit.`);
    const identity = await checkPassword(store, email, String(body.password ?? ''));
    if (!identity) {
      byEmail.fail(email);
      byClient.fail(client);
      throw new HttpError(401, 'E-mail atau kata sandi salah.');
    }
    byEmail.succeed(email);
    setCookie(c, SESSION_COOKIE, sessions.create(identity), {
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/',
      maxAge: SESSION_HOURS * 3600,
    });
    return c.json(identity);
  });
  app.delete('/api/session', (c) => {
    sessions.end(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  app.post(
    LOCAL_UPLOAD_PATH,
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES + 64 * 1024,
      onError: () => {
        throw new HttpError(413, 'Berkas terlalu besar.');
      },
    }),
    async (c) => {
      const who = identify(c);
      if (!who) throw new HttpError(401, NOT_SIGNED_IN);
      const form = await c.req.parseBody();
      const key = checkUploadKey(who, form.key);
      const file = form.file;
      if (!(file instanceof File) || file.size === 0)
        throw new HttpError(400, 'Pilih berkas yang akan diunggah.');
      await store.write(key, new Uint8Array(await file.arrayBuffer()));
      const run = queue.then(() => ingestLocalFiles(store.root, [store.path(key)], { threads: 1 }));
      queue = run.catch(() => undefined);
      const [report] = await run;
      return c.json(publicReport(report!), 201);
    },
  );
  app.route('/api', api);
  app.onError(onApiError);
  const site: Record<string, string> = { ...buildSite(), 'config.json': JSON.stringify(LOCAL_CONFIG) };
  app.get('/:file{[a-z]+\\.(?:html|css|js|json)}?', (c) => {
    const name = c.req.param('file') ?? 'index.html';
    const body = site[name];
    if (body === undefined) return c.text('Tidak ditemukan', 404);
    return c.body(body, 200, {
      'content-type': SITE_TYPES[name.split('.').pop()!]!,
      'cache-control': 'no-cache',
    });
  });
  return app;
}
