import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lake } from '#core/contract/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import { publishDashboard } from '#dashboard/publish.ts';
import { generatedLake, PERIODS } from './fixture.ts';

let cleanup: (() => Promise<void>) | undefined;
afterAll(() => cleanup?.());

describe('publishing the dashboard from a remote lake (the evaluation job on AWS)', () => {
  it('builds the folder from a copy of the lake and writes every file to the lake and the site', async () => {
    const generated = await generatedLake();
    cleanup = generated.cleanup;
    const remote = new LocalStore(generated.root); // any ObjectStore: S3 on AWS
    const site = new LocalStore(join(generated.root, '..', 'site'));
    expect(await remote.head(lake.dashboardKey)).toBeUndefined();
    const published = await publishDashboard(remote, { store: site, key: 'dashboard/index.html' });
    expect(published.period).toBe(PERIODS.at(-1));
    const page = (await remote.readBytes(lake.dashboardKey)).toString('utf8');
    expect(page).toContain('Content-Security-Policy');
    expect(page).toContain(`"period":"${PERIODS.at(-1)}"`);
    expect(page).toMatch(/"cutoff":"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"/);
    expect((await site.readBytes('dashboard/index.html')).equals(Buffer.from(page))).toBe(true);
    const files = await readdir(join(site.root, 'dashboard'), { recursive: true });
    expect(files).toEqual(expect.arrayContaining(PERIODS.map((p) => `${p}.html`)));
    expect(files.some((f) => f.endsWith('service_index_region.csv'))).toBe(true);
    expect(published.files).toBe(files.filter((f) => f.includes('.')).length);
  }, 240_000);
});
