import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { TestServer, USERS } from './server.ts';

const s = TestServer.start();

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict, expiring session cookie; sign-out ends the session', async () => {
    const res = await s.call('/api/session', undefined, {
      json: { email: USERS.a.email, password: USERS.a.password },
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=28800/);
    const session = cookie.split(';')[0]!;
    expect(JSON.parse((await s.call('/api/me', session)).text).region_code).toBe('31.71');
    expect((await s.call('/api/session', session, { method: 'DELETE' })).status).toBe(204);
    expect((await s.call('/api/me', session)).status).toBe(401);
  });

  it('answers a wrong password and an unknown account alike (401), in Bahasa Indonesia', async () => {
    const wrong = await s.call('/api/session', undefined, {
      json: { email: USERS.b.email, password: 'salah-sekali-1' },
    });
    const unknown = await s.call('/api/session', undefined, {
      json: { email: 'x@y.go.id', password: 'salah-sekali-1' },
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.text).toBe(unknown.text);
    expect(JSON.parse(wrong.text).error).toBe('E-mail atau kata sandi salah.');
  });

  it('locks an account after 5 failures, even for the right password (429)', async () => {
    const email = USERS.ministry.email;
    for (let i = 0; i < 5; i++)
      expect(
        (await s.call('/api/session', undefined, { json: { email, password: `salah-${i}-xxxxx` } })).status,
      ).toBe(401);
    const locked = await s.call('/api/session', undefined, {
      json: { email, password: USERS.ministry.password },
    });
    expect(locked.status).toBe(429);
    expect(JSON.parse(locked.text).error).toMatch(/Coba lagi dalam \d+ menit/);
  });

  it('refuses a cross-site form post (CSRF) with 403', async () => {
    const form = new URLSearchParams({ email: USERS.a.email, password: USERS.a.password });
    const res = await fetch(`${s.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://jahat.example' },
      body: form,
    });
    expect(res.status).toBe(403);
    const session = await s.signIn(USERS.a);
    const upload = new FormData();
    upload.append('key', 'uploads/31.71/skm/2026-Q3/x.csv');
    upload.append('file', new Blob(['a']), 'x.csv');
    const cross = await fetch(`${s.url}/api/uploads/local`, {
      method: 'POST',
      headers: { cookie: session, origin: 'https://jahat.example' },
      body: upload,
    });
    expect(cross.status).toBe(403);
  });

  it('never writes a password in clear: not in the lake, not in the logs', async () => {
    const log = vi.spyOn(console, 'log');
    const err = vi.spyOn(console, 'error');
    await s.signIn(USERS.b);
    await s.call('/api/session', undefined, { json: { email: USERS.b.email, password: 'tebakan-salah-9' } });
    const printed = [...log.mock.calls, ...err.mock.calls].flat().map(String).join('\n');
    for (const u of Object.values(USERS)) expect(printed).not.toContain(u.password);
    const files = (await readdir(s.lake, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    for (const f of files) {
      const text = await readFile(join(f.parentPath, f.name), 'latin1');
      for (const u of Object.values(USERS)) expect(text, f.name).not.toContain(u.password);
    }
  });
});
