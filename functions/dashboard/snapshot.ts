import { lake } from '#core/lake.ts';
import { parsePeriod } from '#core/period.ts';
import type { ObjectStore } from '#core/store.ts';
import type { SnapshotInfo } from './model.ts';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

async function readJson(store: ObjectStore, key: string): Promise<Record<string, unknown> | undefined> {
  if (!(await store.head(key))) return undefined;
  const value: unknown = JSON.parse((await store.readBytes(key)).toString('utf8'));
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The latest ranking snapshot of a period: `published/rankings/{period}/latest.json` names the run,
 * whose `manifest.json` records methodology and hashes. `null` when the period has no snapshot yet.
 */
export async function readSnapshot(store: ObjectStore, periodId: string): Promise<SnapshotInfo | null> {
  const period = parsePeriod(periodId);
  if (!period) return null;
  const latest = await readJson(store, lake.publishedRankingLatestKey(period));
  const runId = text(latest?.run_id);
  if (!runId || !RUN_ID.test(runId)) return null;
  const manifest = await readJson(store, `${lake.publishedRankingPrefix(period, runId)}manifest.json`);
  if (!manifest) return null;
  return {
    period: period.id,
    run_id: runId,
    methodology_version: text(manifest.methodology_version) ?? '?',
    methodology_hash: text(manifest.methodology_hash),
    inputs_hash: text(manifest.inputs_hash),
    content_hash: text(manifest.content_hash),
    created_at: text(manifest.created_at),
  };
}
