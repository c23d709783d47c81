import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lake as lakeKeys } from '#core/contract/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import type { ObjectStore } from '#core/store.ts';
import { buildDashboard, DASHBOARD_PREFIX } from './index.ts';

/** Copy the objects under `prefix` of one store into a local one. */
async function mirror(from: ObjectStore, to: LocalStore, prefix: string) {
  for await (const o of from.list(prefix)) await from.download(o.key, to.path(o.key));
}

/** The type a file of the dashboard folder is served with. */
const contentType = (key: string) =>
  key.endsWith('.html')
    ? 'text/html; charset=utf-8'
    : key.endsWith('.csv')
      ? 'text/csv; charset=utf-8'
      : undefined;

/**
 * Build the dashboard from a remote lake (S3) and publish it: the marts, the ledger (for the data cut-off)
 * and the ranking snapshots are copied to a scratch folder (the embedded engine reads local files), the
 * folder is built there as by `pantau dashboard`, then every file of it is written to the lake's
 * `published/dashboard/` and, when given, beside `site.key` (its `index.html`) in the site bucket.
 */
export async function publishDashboard(
  lake: ObjectStore,
  site?: { store: ObjectStore; key: string },
): Promise<{ period: string; files: number }> {
  const scratch = await mkdtemp(join(tmpdir(), 'pantau-dashboard-'));
  try {
    const local = new LocalStore(scratch);
    for (const prefix of [
      lakeKeys.warehouseRoot,
      lakeKeys.ledgerPrefix,
      `${lakeKeys.publishedPrefix}rankings/`,
    ])
      await mirror(lake, local, prefix);
    const built = await buildDashboard({ lake: local });
    const sitePrefix = site?.key.slice(0, site.key.lastIndexOf('/') + 1);
    let files = 0;
    for await (const o of local.list(DASHBOARD_PREFIX)) {
      const body = await local.readBytes(o.key);
      const options = { contentType: contentType(o.key) };
      await lake.write(o.key, body, options);
      if (site) await site.store.write(`${sitePrefix}${o.key.slice(DASHBOARD_PREFIX.length)}`, body, options);
      files++;
    }
    return { period: built.period, files };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
