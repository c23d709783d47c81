import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { attachLake } from '#core/catalog.ts';
import { type DatasetId, dataset } from '#core/datasets/index.ts';
import { Duck, ident, literal } from '#core/duckdb.ts';
import { lake } from '#core/lake.ts';
import type { LedgerEntry } from '#core/ledger.ts';
import { LocalStore } from '#core/local-store.ts';
import { loadMethodology, type Methodology } from '#core/methodology.ts';
import type { MethodologyVersion } from '#core/methodology-versions.ts';
import { parsePeriod } from '#core/period.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { transform } from '#warehouse/runner.ts';

export type FixtureRow = Record<string, string | number | boolean | null>;

/** Timestamps of a complaint's steps (ISO text); the ones not given are NULL. */
export type ComplaintTimes = Partial<
  Record<'received_at' | 'verified_at' | 'followed_up_at' | 'completed_at', string>
>;

/** One curated complaint row of unit `unit` with the given step times and status. */
export const complaintRow = (
  id: string,
  unit: string,
  times: ComplaintTimes,
  status = 'proses',
): FixtureRow => ({
  complaint_id: id,
  unit_id: unit,
  received_at: null,
  verified_at: null,
  followed_up_at: null,
  completed_at: null,
  ...times,
  status,
  classification: 'pengaduan',
});

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
  await rm(json);
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
    nihil: false,
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

/** Run the real models for `periods` on a fixture lake; the caller closes the returned engine. */
export async function buildWarehouse(
  store: LocalStore,
  periods: readonly string[],
  methodologyFile?: string,
): Promise<DuckDbEngine> {
  const engine = await DuckDbEngine.open(store);
  try {
    await transform({ lake: store, engine, periods, methodologyFile });
    // Re-attach so the views see exactly what a later `pantau query` sees.
    await attachLake(engine.duck, store.root);
    return engine;
  } catch (e) {
    await engine.close();
    throw e;
  }
}

/** A copy of a shipped methodology (default v2, with v1's rule defaults filled in) with some fields changed. */
export async function methodologyWith(
  change: (m: Methodology) => void,
  base: MethodologyVersion = 'v2',
): Promise<string> {
  const { methodology } = await loadMethodology(base);
  const copy = structuredClone(methodology);
  change(copy);
  const file = join(await mkdtemp(join(tmpdir(), 'pantau-method-')), 'methodology.json');
  await writeFile(file, JSON.stringify(copy));
  return file;
}

/**
 * One processed upload as the lake holds it: its ledger entry (accepted, rejected, or an accepted nihil
 * report: header only) and, when accepted with rows, the curated rows carrying its submission id.
 */
export async function writeSubmission(
  store: LocalStore,
  target: { dataset: DatasetId; region: string; period: string },
  rows: readonly FixtureRow[],
  ledger: { uploaded_at: string; status?: 'accepted' | 'rejected'; nihil?: boolean },
): Promise<void> {
  const submission_id = `sub-${target.dataset}-${target.region}-${target.period}-${ledger.uploaded_at.replace(/\W/g, '')}`;
  const status = ledger.status ?? 'accepted';
  if (status === 'accepted' && rows.length > 0)
    await writeCurated(
      store,
      target.dataset,
      target.period,
      target.region,
      rows.map((r) => ({ submission_id, ...r })),
    );
  await writeLedger(store, {
    dataset: target.dataset,
    region_code: target.region,
    period: target.period,
    status,
    submission_id,
    uploaded_at: ledger.uploaded_at,
    rows_read: rows.length,
    rows_accepted: status === 'accepted' ? rows.length : 0,
    ...(ledger.nihil === undefined ? {} : { nihil: ledger.nihil }),
  });
}
