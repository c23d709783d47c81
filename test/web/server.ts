import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import type { SubmissionReport } from '#ingest/report.ts';
import { createLocalApp } from '#web/local.ts';
import { addUser } from '#web/users.ts';
import { ingestOne, tempDir, writeUpload } from '../support/lake.ts';
import { messySkm } from './fixtures.ts';

/** Accounts of the test lake: officers of two regions and one ministry analyst. */
export const USERS = {
  a: { email: 'petugas@jakpus.go.id', password: 'sandi-wilayah-a-1', region: '31.71' },
  b: { email: 'petugas@bogor.go.id', password: 'sandi-wilayah-b-2', region: '32.01' },
  ministry: { email: 'analis@kemenpan.go.id', password: 'sandi-kementerian-3' },
} as const;

/** `pantau serve` on a fresh lake over real HTTP: users created, region B has one messy submission. */
export class TestServer {
  url = '';
  lake = '';
  store!: LocalStore;
  /** Region B's submission (accepted with one rejected row, so it has a quarantine file). */
  b!: SubmissionReport;
  private cleanup?: () => Promise<void>;
  private close?: () => Promise<void>;

  static start(): TestServer {
    const s = new TestServer();
    beforeAll(async () => {
      const tmp = await tempDir('pantau-web-');
      s.cleanup = tmp.cleanup;
      s.lake = join(tmp.dir, 'lake');
      s.store = new LocalStore(s.lake);
      await addUser(s.store, USERS.a);
      await addUser(s.store, USERS.b);
      await addUser(s.store, USERS.ministry);
      const file = await writeUpload(
        join(tmp.dir, 'skm-bogor.csv'),
        messySkm(),
        new Date('2026-10-05T03:00:00Z'),
      );
      s.b = await ingestOne(s.lake, file, { region: '32.01', dataset: 'skm', period: '2026-Q3' });
      const app = await createLocalApp(s.lake, { now: () => new Date('2026-10-10T03:00:00Z') });
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((r) => server.once('listening', r));
      s.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      s.close = () => new Promise((r) => server.close(() => r()));
    });
    afterAll(async () => {
      await s.close?.();
      await s.cleanup?.();
    });
    return s;
  }

  /** Sign in; returns the session cookie (`name=value`). */
  async signIn(user: { email: string; password: string }): Promise<string> {
    const res = await fetch(`${this.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  /** A request with a cookie (or none); returns status and body text. */
  async call(
    path: string,
    cookie?: string,
    init: { method?: string; json?: unknown; form?: FormData; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; text: string; headers: Headers }> {
    const headers: Record<string, string> = { origin: this.url, ...init.headers };
    if (cookie) headers.cookie = cookie;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.url}${path}`, {
      method: init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET'),
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.form,
    });
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  /** Every object key under a prefix of the lake. */
  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    for await (const o of this.store.list(prefix)) out.push(o.key);
    return out;
  }
}
