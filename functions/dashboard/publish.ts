import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lake as lakeKeys } from '#core/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import type { ObjectStore } from '#core/store.ts';
import { buildDashboard } from './index.ts';

/** Copy the objects under `prefix` of one store (those `keep` accepts) into a local one. */
async function mirror(from: ObjectStore, to: LocalStore, prefix: string, keep = (_key: string) => true) {
  for await (const o of from.list(prefix)) if (keep(o.key)) await from.download(o.key, to.path(o.key));
}

/**
 * Build the dashboard from a remote lake (S3) and publish it: the marts and ranking snapshots are copied
 * to a scratch folder (the embedded engine reads local Parquet), the page is built there as by
 * `pantau dashboard`, then written to the lake's `published/dashboard/index.html` and, when given, to the
 * site bucket that CloudFront serves (`siteKey`).
 */
export async function publishDashboard(
  lake: ObjectStore,
  site?: { store: ObjectStore; key: string },
): Promise<{ period: string }> {
  const scratch = await mkdtemp(join(tmpdir(), 'pantau-dashboard-'));
  try {
    const local = new LocalStore(scratch);
    await mirror(lake, local, 'warehouse/');
    await mirror(lake, local, 'published/rankings/', (k) => /\/(latest|manifest)\.json$/.test(k));
    const built = await buildDashboard({ lake: local });
    const html = await local.readBytes(lakeKeys.dashboardKey);
    const options = { contentType: 'text/html; charset=utf-8' };
    await lake.write(lakeKeys.dashboardKey, html, options);
    if (site) await site.store.write(site.key, html, options);
    return { period: built.period };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
