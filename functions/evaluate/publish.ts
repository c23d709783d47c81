import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Duck } from '#core/duckdb.ts';
import { lake } from '#core/lake.ts';
import type { Period } from '#core/period.ts';
import { type ObjectStore, PreconditionFailedError } from '#core/store.ts';
import { SNAPSHOT_TABLES, type SnapshotContent } from './snapshot.ts';
import { type SnapshotSummary, summaryText } from './summary.ts';

/** `manifest.json` of a ranking snapshot: enough to rebuild and to verify it. */
export interface SnapshotManifest {
  period: string;
  run_id: string;
  methodology_version: string;
  methodology_hash: string;
  inputs_hash: string;
  content_hash: string;
  /** The period's working-day windows reach a year without its SKB: fixed-date holidays only. */
  calendar_provisional: boolean;
  inputs: number;
  files: string[];
  created_at: string;
}

/**
 * Write a snapshot under `published/rankings/{period}/{run_id}/`, where the run id derives from the content
 * hash: the same inputs and methodology give the same id and nothing is rewritten; changed inputs give a new
 * folder. The manifest is written last (create-only), then `latest.json` points at the run.
 */
export async function publishSnapshot(
  store: ObjectStore,
  period: Period,
  content: SnapshotContent,
  summary: SnapshotSummary,
  methodology: { version: string; hash: string },
  scratchDir: string,
): Promise<{ manifest: SnapshotManifest; created: boolean }> {
  const runId = content.content_hash.slice(0, 16);
  const prefix = lake.publishedRankingPrefix(period, runId);
  const manifestKey = `${prefix}manifest.json`;
  if (await store.head(manifestKey)) {
    await pointLatest(store, period, runId);
    return { manifest: JSON.parse((await store.readBytes(manifestKey)).toString('utf8')), created: false };
  }
  await mkdir(scratchDir, { recursive: true });
  const files: string[] = [];
  const duck = await Duck.open({ threads: 1 });
  try {
    for (const table of SNAPSHOT_TABLES) {
      const rows = content.tables[table];
      const json = join(scratchDir, `${table}.ndjson`);
      await writeFile(json, rows.map((r) => JSON.stringify(r)).join('\n'));
      for (const format of ['parquet', 'csv'] as const) {
        const out = join(scratchDir, `${table}.${format}`);
        const source = rows.length
          ? "read_json($json, format = 'newline_delimited')"
          : '(SELECT 1 AS kosong WHERE false)';
        await duck.run(
          `COPY (SELECT * FROM ${source}) TO $out (FORMAT ${format}${format === 'csv' ? ', HEADER true' : ''})`,
          { json, out },
        );
        await store.upload(out, `${prefix}${table}.${format}`);
        files.push(`${table}.${format}`);
      }
    }
  } finally {
    duck.close();
  }
  await store.write(
    `${prefix}inputs.json`,
    JSON.stringify({ inputs_hash: content.inputs_hash, inputs: content.inputs }, null, 1),
  );
  await store.write(`${prefix}summary.json`, JSON.stringify(summary, null, 1));
  await store.write(
    `${prefix}summary.md`,
    `# Ringkasan peringkat ${period.id}\n\n\`\`\`\n${summaryText(summary)}\n\`\`\`\n`,
  );
  files.push('inputs.json', 'summary.json', 'summary.md');
  const manifest: SnapshotManifest = {
    period: period.id,
    run_id: runId,
    methodology_version: methodology.version,
    methodology_hash: methodology.hash,
    inputs_hash: content.inputs_hash,
    content_hash: content.content_hash,
    calendar_provisional: content.calendar_provisional,
    inputs: content.inputs.length,
    files,
    created_at: new Date().toISOString(),
  };
  try {
    await store.write(manifestKey, JSON.stringify(manifest, null, 1), { ifNoneMatch: '*' });
  } catch (e) {
    if (!(e instanceof PreconditionFailedError)) throw e; // a concurrent run published the same content
  }
  await pointLatest(store, period, runId);
  return { manifest, created: true };
}

async function pointLatest(store: ObjectStore, period: Period, runId: string): Promise<void> {
  await store.write(lake.publishedRankingLatestKey(period), JSON.stringify({ run_id: runId }));
}
