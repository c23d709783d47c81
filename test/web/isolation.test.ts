import { describe, expect, it } from 'vitest';
import { messySkm } from './fixtures.ts';
import { TestServer, USERS } from './server.ts';

const s = TestServer.start();

const form = (fields: Record<string, string>, file = messySkm(), name = 'skm.csv') => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([file], { type: 'text/csv' }), name);
  return f;
};
const plan = (extra: Record<string, unknown>) => ({
  dataset: 'skm',
  period: '2026-Q3',
  filename: 'skm.csv',
  size: 100,
  ...extra,
});

describe('unauthenticated', () => {
  it('gets 401 from every API route', async () => {
    const id = s.b.submission_id;
    for (const path of [
      '/api/me',
      '/api/status',
      `/api/submissions?region=32.01`,
      `/api/submissions/${id}`,
      `/api/submissions/${id}/rejected-rows`,
      '/api/dashboard',
    ])
      expect((await s.call(path)).status, path).toBe(401);
    expect((await s.call('/api/uploads', undefined, { json: plan({}) })).status).toBe(401);
    expect((await s.call('/api/dashboard/access', undefined, { method: 'POST' })).status).toBe(401);
    const local = await s.call('/api/uploads/local', undefined, {
      form: form({ key: 'uploads/31.71/skm/2026-Q3/x.csv' }),
    });
    expect(local.status).toBe(401);
    expect(await s.keys('uploads/')).toEqual([]);
  });
});

describe('an officer of region A (31.71)', () => {
  it('reads nothing of region B whatever the query says (403)', async () => {
    const a = await s.signIn(USERS.a);
    for (const region of ['32.01', '3201', ' 32.01', '32.01&region=31.71', '99.99'])
      for (const path of ['/api/submissions', '/api/status']) {
        const res = await s.call(`${path}?region=${encodeURIComponent(region)}`, a);
        expect(res.status, `${path} ${region}`).toBe(403);
        expect(res.text).not.toContain('32.01');
      }
    const twice = await s.call('/api/status?region=31.71&region=32.01', a);
    expect(twice.text).not.toContain('"32.01"');
  });

  it("gets 403 for region B's report and rejected rows; traversal in the path finds nothing", async () => {
    const a = await s.signIn(USERS.a);
    const id = s.b.submission_id;
    expect((await s.call(`/api/submissions/${id}`, a)).status).toBe(403);
    expect((await s.call(`/api/submissions/${id}/rejected-rows`, a)).status).toBe(403);
    for (const path of [
      `/api/submissions/..%2F..%2Freports%2F32.01%2Fskm%2F2026-Q3%2F${id}`,
      `/api/submissions/${id}%2F..%2F..`,
      `/api/submissions/%2e%2e/${id}/rejected-rows`,
      `/api/submissions/${id}.json`,
    ]) {
      const res = await s.call(path, a);
      expect([403, 404], path).toContain(res.status);
      expect(res.text).not.toContain('Dukcapil');
    }
  });

  it('cannot plan an upload into region B by body, file name or key (403)', async () => {
    const a = await s.signIn(USERS.a);
    for (const extra of [
      { region_code: '32.01' },
      { region: '3201' },
      { key: 'uploads/32.01/skm/2026-Q3/skm.csv' },
      { filename: '../32.01/skm/2026-Q3/skm.csv' },
      { filename: '..%2F..%2F32.01%2Fskm.csv' },
      { filename: 'uploads/32.01/skm/2026-Q3/skm.csv' },
      { filename: '..\\32.01\\skm.csv' },
    ]) {
      const res = await s.call('/api/uploads', a, { json: plan(extra) });
      expect(res.status, JSON.stringify(extra)).toBe(403);
    }
    const own = JSON.parse((await s.call('/api/uploads', a, { json: plan({}) })).text);
    expect(own.key).toBe('uploads/31.71/skm/2026-Q3/skm.csv');
    expect(own.fields).toEqual({ key: own.key });
  });

  it('cannot post a file into region B whatever the key or file name says (403), and nothing is written', async () => {
    const a = await s.signIn(USERS.a);
    for (const key of [
      'uploads/32.01/skm/2026-Q3/x.csv',
      'uploads/3201/skm/2026-Q3/x.csv',
      'uploads/31.71/../32.01/skm/2026-Q3/x.csv',
      'uploads/31.71/skm/2026-Q3/..%2F..%2F32.01%2Fx.csv',
      'uploads/31.71/32.01/2026-Q3/x.csv',
      'uploads/31.71/skm/2026-Q3/../../../32.01/skm/2026-Q3/x.csv',
    ]) {
      const res = await s.call('/api/uploads/local', a, { form: form({ key }) });
      expect(res.status, key).toBe(403);
    }
    const bBefore = await s.keys('reports/32.01/');
    const ok = await s.call('/api/uploads/local', a, {
      form: form(
        { key: 'uploads/31.71/skm/2026-Q3/skm.csv' },
        messySkm(),
        '../../32.01/skm/2026-Q3/evil.csv',
      ),
    });
    expect(ok.status).toBe(201);
    const report = JSON.parse(ok.text);
    expect(report.region_code).toBe('31.71');
    expect(await s.keys('uploads/')).toEqual(['uploads/31.71/skm/2026-Q3/skm.csv']);
    expect(await s.keys('reports/32.01/')).toEqual(bBefore);
  });

  it('cannot read the national dashboard nor be given access to it (403)', async () => {
    const a = await s.signIn(USERS.a);
    expect((await s.call('/api/dashboard', a)).status).toBe(403);
    expect((await s.call('/api/dashboard/index.html', a)).status).toBe(403);
    expect((await s.call('/api/dashboard/access', a, { method: 'POST' })).status).toBe(403);
  });
});

describe('a ministry analyst', () => {
  it("reads any region's status, reports and rejected rows, and all regions at once", async () => {
    const m = await s.signIn(USERS.ministry);
    const list = JSON.parse((await s.call('/api/submissions?region=32.01', m)).text);
    expect(list.submissions.map((r: { submission_id: string }) => r.submission_id)).toContain(
      s.b.submission_id,
    );
    const report = JSON.parse((await s.call(`/api/submissions/${s.b.submission_id}`, m)).text);
    expect(report.region_code).toBe('32.01');
    // locally the session itself opens the dashboard (served through the API): no other cookie is handed out
    const access = await s.call('/api/dashboard/access', m, { method: 'POST' });
    expect(access.status).toBe(204);
    expect(access.headers.get('set-cookie')).toBeNull();
    const rows = await s.call(`/api/submissions/${s.b.submission_id}/rejected-rows`, m);
    expect(rows.status).toBe(200);
    expect(rows.headers.get('content-disposition')).toMatch(
      /^attachment; filename="baris-ditolak-skm-2026-Q3-32.01\./,
    );
    expect(rows.text).toContain('7');
    const all = JSON.parse((await s.call('/api/status?period=2026-Q3', m)).text);
    expect(all.regions).toHaveLength(552);
    const bogor = all.regions.find((r: { region_code: string }) => r.region_code === '32.01');
    expect(bogor.datasets.map((d: { status: string }) => d.status)).toEqual([
      'on_time',
      'missing',
      'missing',
    ]);
  });

  it('cannot upload: uploads belong to a region (403)', async () => {
    const m = await s.signIn(USERS.ministry);
    expect((await s.call('/api/uploads', m, { json: plan({}) })).status).toBe(403);
  });
});
