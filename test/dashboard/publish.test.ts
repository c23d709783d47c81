import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lake } from '#core/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import { publishDashboard } from '#dashboard/publish.ts';
import { fixtureLake, PERIODS } from './fixture.ts';

let root = '';
afterAll(() => rm(root, { recursive: true, force: true }));

describe('publishing the dashboard from a remote lake (the evaluation job on AWS)', () => {
  it('builds from a copy of the marts and snapshots and writes the page to the lake and the site', async () => {
    ({ root } = await fixtureLake());
    const remote = new LocalStore(root); // any ObjectStore: S3 on AWS
    const site = new LocalStore(join(root, '..', `${root.split('/').pop()}-site`));
    expect(await remote.head(lake.dashboardKey)).toBeUndefined();
    const published = await publishDashboard(remote, { store: site, key: 'dashboard/index.html' });
    expect(published.period).toBe(PERIODS[1]);
    const page = (await remote.readBytes(lake.dashboardKey)).toString('utf8');
    expect(page).toContain('Content-Security-Policy');
    expect(page).toContain(`"period":"${PERIODS[1]}"`);
    expect((await site.readBytes('dashboard/index.html')).equals(Buffer.from(page))).toBe(true);
    await rm(site.root, { recursive: true, force: true });
  });
});
