import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type DatasetId, dataset } from '#core/datasets/index.ts';
import { Duck, ident, literal } from '#core/duckdb.ts';
import { lake } from '#core/lake.ts';
import type { LedgerEntry } from '#core/ledger.ts';
import { LocalStore } from '#core/local-store.ts';
import { parsePeriod } from '#core/period.ts';

export type FixtureRow = Record<string, string | number | boolean | null>;

/** A temp lake folder for one test. */
export async function tempLake(): Promise<LocalStore> {
  return new LocalStore(await mkdtemp(join(tmpdir(), 'pantau-wh-test-')));
}

/**
 * Write curated rows of one dataset, region and period as Parquet at `lake.curatedKey`, typed per the
 * dataset's `stored` columns (absent fields are NULL; lineage filled in).
 */
export async function writeCurated(
  store: LocalStore,
  datasetId: DatasetId,
  periodId: string,
  region: string,
  rows: readonly FixtureRow[],
): Promise<void> {
  const period = parsePeriod(periodId)!;
  const d = dataset(datasetId);
  const full = rows.map((r, i) => ({
    region_code: region,
    period: period.id,
    submission_id: `sub-${datasetId}-${region}-${period.id}`,
    source_row: i + 2,
    ...r,
  }));
  const path = store.path(lake.curatedKey(datasetId, period, region));
  await mkdir(dirname(path), { recursive: true });
  const json = `${path}.json`;
  await writeFile(json, full.map((r) => JSON.stringify(r)).join('\n'));
  const duck = await Duck.open({ threads: 1 });
  try {
    const columns = d.stored.map((c) => `${ident(c.name)}: ${literal(c.type)}`).join(', ');
    const select = d.stored.map((c) => `CAST(${ident(c.name)} AS ${c.type}) AS ${ident(c.name)}`).join(', ');
    const source = full.length
      ? `read_json(${literal(json)}, format = 'newline_delimited', columns = {${columns}})`
      : `(SELECT ${d.stored.map((c) => `NULL::${c.type} AS ${ident(c.name)}`).join(', ')} WHERE false)`;
    await duck.run(`COPY (SELECT ${select} FROM ${source}) TO ${literal(path)} (FORMAT parquet)`);
  } finally {
    duck.close();
  }
  await import('node:fs/promises').then((fs) => fs.rm(json));
}

/** Write a ledger entry (the `submissions` view reads these). */
export async function writeLedger(
  store: LocalStore,
  entry: Partial<LedgerEntry> & Pick<LedgerEntry, 'dataset' | 'region_code' | 'period' | 'status'>,
): Promise<void> {
  const full: LedgerEntry = {
    submission_id: `sub-${entry.dataset}-${entry.region_code}-${entry.period}-${entry.status}`,
    source_key: 'fixture',
    sha256: '0',
    size_bytes: 1,
    uploaded_at: '2026-07-01T00:00:00Z',
    processed_at: '2026-07-01T00:00:00Z',
    superseded_on_arrival_by: null,
    rows_read: 1,
    rows_accepted: entry.status === 'rejected' ? 0 : 1,
    rows_rejected: 0,
    errors: [],
    schema_version: '1',
    report_key: 'fixture',
    ...entry,
  };
  const period = parsePeriod(full.period)!;
  await store.write(
    lake.ledgerKey(full.dataset, period, full.region_code, full.submission_id),
    JSON.stringify(full),
  );
}
