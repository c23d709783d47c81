import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { lake } from '#core/lake.ts';
import type { Methodology } from '#core/methodology.ts';
import { type Period, parsePeriod } from '#core/period.ts';
import { region as regionOf } from '#core/regions.ts';
import type { ObjectStore } from '#core/store.ts';
import { dashboardFile } from './dashboard.ts';
import { daysLeft, reportingPeriod, submissionDeadline } from './deadline.ts';
import { authoriseNational, HttpError, type Identity, regionScope, requireIdentity } from './identity.ts';
import { findReport, listReports, publicReport, rejectedRowsKey } from './reports.ts';
import { periodStatus } from './status.ts';
import { MAX_UPLOAD_BYTES, planUpload, type UploadPlan } from './uploads.ts';

/** Where a planned upload is posted: a URL and the form fields to send with the file. */
export interface UploadTarget {
  url: string;
  fields: Record<string, string>;
}

/** What the API core needs from its runtime (`pantau serve` or the Lambda). */
export interface WebDeps {
  store: ObjectStore;
  /** The caller, from the session cookie (local) or the verified token's claims (AWS). */
  identify(c: Context): Identity | undefined | Promise<Identity | undefined>;
  /** A presigned-POST-like target for exactly `plan.key` and at most `MAX_UPLOAD_BYTES`. */
  uploadTarget(plan: UploadPlan): Promise<UploadTarget>;
  submission: Methodology['submission'];
  now?: () => Date;
  /**
   * `Set-Cookie` values that let the browser read the published dashboard where it is served apart from the
   * API (CloudFront signed cookies on AWS). Absent locally: the dashboard is served through the API itself.
   */
  dashboardCookies?: (now: Date) => Promise<string[]>;
}

/** Read a JSON (or form) body as a plain object; 400 when it is neither. */
export async function bodyOf(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  const body: unknown = type.includes('application/json')
    ? await c.req.json().catch(() => undefined)
    : await c.req.parseBody().catch(() => undefined);
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'Isi permintaan tidak valid (harus JSON atau formulir).');
  return body as Record<string, unknown>;
}

/** A `period` query parameter: 400 when malformed, `fallback()` when absent. */
const periodParam = <T>(value: string | undefined, fallback: () => T): Period | T => {
  if (value === undefined || value === '') return fallback();
  const p = parsePeriod(value);
  if (!p) throw new HttpError(400, `Periode "${value.slice(0, 20)}" tidak valid: gunakan YYYY-Qn.`);
  return p;
};

/** Answer API errors as JSON `{ error }` with a message in Bahasa Indonesia; never leak internals. */
export function onApiError(e: Error, c: Context): Response {
  if (e instanceof HttpError) return c.json({ error: e.message }, e.status);
  if (e instanceof HTTPException)
    return c.json(
      { error: e.status === 403 ? 'Permintaan dari situs lain ditolak.' : 'Permintaan tidak valid.' },
      e.status,
    );
  console.error(
    JSON.stringify({ level: 'error', message: 'web request failed', error: e.name, path: c.req.path }),
  );
  return c.json({ error: 'Terjadi kesalahan di server. Coba lagi nanti.' }, 500);
}

/**
 * The HTTP API of DESIGN.md "The web", the same on both runtimes. Cross-site request forgery is the cookie
 * runtime's concern (`pantau serve` checks the origin); on AWS the token travels in a header, never by itself.
 */
export function createApi(deps: WebDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? (() => new Date());
  const who = (c: Context) => deps.identify(c);
  app.get('/me', async (c) => {
    const me = requireIdentity(await who(c));
    const region = me.region_code ? regionOf(me.region_code) : undefined;
    return c.json({ ...me, region_name: region?.name ?? null, max_upload_bytes: MAX_UPLOAD_BYTES });
  });
  app.post('/uploads', async (c) => {
    const identity = await who(c);
    requireIdentity(identity);
    const plan = planUpload(identity, await bodyOf(c));
    return c.json({ key: plan.key, ...(await deps.uploadTarget(plan)) }, 201);
  });
  app.get('/submissions', async (c) => {
    const scope = regionScope(await who(c), c.req.query('region'));
    if (scope === 'all') throw new HttpError(400, 'Pilih wilayah: tambahkan ?region=KODE.');
    // no period: every period of the region (the history)
    const period = periodParam(c.req.query('period'), () => undefined);
    return c.json({ region_code: scope, submissions: await listReports(deps.store, scope, period?.id) });
  });
  app.get('/submissions/:id', async (c) => {
    const report = await findReport(deps.store, await who(c), c.req.param('id'), c.req.query('region'));
    return c.json(publicReport(report));
  });
  app.get('/submissions/:id/rejected-rows', async (c) => {
    const report = await findReport(deps.store, await who(c), c.req.param('id'), c.req.query('region'));
    const key = rejectedRowsKey(report);
    const ext = key.slice(key.lastIndexOf('.') + 1);
    const type =
      ext === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv; charset=utf-8';
    const name = `baris-ditolak-${report.dataset}-${report.period}-${report.region_code}.${ext}`;
    return c.body(new Uint8Array(await deps.store.readBytes(key)), 200, {
      'content-type': type,
      'content-disposition': `attachment; filename="${name}"`,
    });
  });
  app.get('/status', async (c) => {
    const scope = regionScope(await who(c), c.req.query('region'));
    const at = now();
    const period = periodParam(c.req.query('period'), () => reportingPeriod(at, deps.submission));
    const next = reportingPeriod(at, deps.submission);
    const nextDeadline = submissionDeadline(next, deps.submission);
    return c.json({
      ...(await periodStatus(deps.store, period, scope, deps.submission)),
      today: at.toISOString(),
      next_deadline: {
        period: next.id,
        deadline: nextDeadline.toISOString(),
        days_left: daysLeft(at, nextDeadline, deps.submission),
      },
    });
  });
  app.post('/dashboard/access', async (c) => {
    authoriseNational(await who(c));
    for (const cookie of (await deps.dashboardCookies?.(now())) ?? [])
      c.header('set-cookie', cookie, { append: true });
    c.header('cache-control', 'no-store');
    return c.body(null, 204);
  });
  app.get('/dashboard', async (c) => {
    authoriseNational(await who(c));
    return c.redirect('/api/dashboard/index.html');
  });
  app.get('/dashboard/:file{.+}', async (c) => {
    authoriseNational(await who(c));
    const file = dashboardFile(c.req.param('file'));
    if (!file || !(await deps.store.head(`${lake.dashboardPrefix}${file.path}`)))
      throw new HttpError(404, 'Dasbor nasional belum diterbitkan: jalankan evaluasi (pantau dashboard).');
    const body = await deps.store.readBytes(`${lake.dashboardPrefix}${file.path}`);
    return c.body(new Uint8Array(body), 200, { 'content-type': file.type });
  });
  app.notFound((c) => c.json({ error: 'Alamat API tidak dikenal.' }, 404));
  app.onError(onApiError);
  return app;
}
