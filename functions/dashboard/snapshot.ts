import { lake } from '#core/contract/lake.ts';
import { parsePeriod } from '#core/period.ts';
import type { ObjectStore } from '#core/store.ts';
import type { SnapshotInfo } from './model.ts';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const FILE = /^[a-z][a-z0-9_]*\.(csv|parquet|json|md)$/;

async function readJson(store: ObjectStore, key: string): Promise<Record<string, unknown> | undefined> {
  if (!(await store.head(key))) return undefined;
  const value: unknown = JSON.parse((await store.readBytes(key)).toString('utf8'));
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Folder of a period's snapshot copy inside the dashboard folder (relative to it). */
export const downloadDir = (period: string, runId: string) => `unduh/${period}/${runId}/`;

/**
 * The latest ranking snapshot of a period: `published/rankings/{period}/latest.json` names the run, whose
 * `manifest.json` records methodology, hashes and files. Its files (and the manifest) are copied under
 * the dashboard folder, so the downloads travel with it. `null` when the period has no snapshot yet.
 */
export async function snapshotFor(
  store: ObjectStore,
  periodId: string,
  dashboardPrefix: string,
): Promise<SnapshotInfo | null> {
  const period = parsePeriod(periodId);
  if (!period) return null;
  const runId = text((await readJson(store, lake.publishedRankingLatestKey(period)))?.run_id);
  if (!runId || !RUN_ID.test(runId)) return null;
  const prefix = lake.publishedRankingPrefix(period, runId);
  const manifest = await readJson(store, `${prefix}manifest.json`);
  if (!manifest) return null;
  const listed = Array.isArray(manifest.files) ? manifest.files.filter((f) => typeof f === 'string') : [];
  const names = [...listed.filter((f) => FILE.test(f) && !f.startsWith('manifest')), 'manifest.json'];
  const downloads: SnapshotInfo['downloads'] = [];
  for (const name of names) {
    if (!(await store.head(`${prefix}${name}`))) continue;
    const href = `${downloadDir(period.id, runId)}${name}`;
    await store.write(`${dashboardPrefix}${href}`, await store.readBytes(`${prefix}${name}`));
    downloads.push({ name, href });
  }
  return {
    period: period.id,
    run_id: runId,
    methodology_version: text(manifest.methodology_version) ?? '?',
    content_hash: text(manifest.content_hash),
    created_at: text(manifest.created_at),
    calendar_provisional: manifest.calendar_provisional === true,
    downloads,
  };
}
