import { createHash } from 'node:crypto';
import { DATASET_TABLE, SUBMISSIONS_TABLE } from '#core/contract/names.ts';
import { ident, literal } from '#core/contract/sql.ts';
import type { Period } from '#core/period.ts';
import type { QueryEngine } from '#warehouse/engine.ts';

/** The tables a ranking snapshot publishes, each read for one period. */
export const SNAPSHOT_TABLES = ['service_index_region', 'submission_status', 'integrity_flags'] as const;
export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];

/** One curated input of the period: which submission fed the warehouse, with its bytes' sha256. */
export interface SnapshotInput {
  dataset: string;
  region_code: string;
  submission_id: string;
  sha256: string;
  uploaded_at: string;
}

/** Everything a snapshot is made of, before it is written. */
export interface SnapshotContent {
  tables: Record<SnapshotTable, Record<string, unknown>[]>;
  inputs: SnapshotInput[];
  /** sha256 over the inputs (canonical JSON, sorted). */
  inputs_hash: string;
  /** sha256 over methodology hash, inputs hash and every table's rows: equal content, equal hash. */
  content_hash: string;
  /** From `service_index_region.calendar_provisional`: the period was timed on a provisional calendar. */
  calendar_provisional: boolean;
}

/**
 * Columns the marts gained with methodology v2: a v1 snapshot leaves them out, so that it rebuilds byte for
 * byte as it was first published.
 */
const ADDED_IN_V2: Partial<Record<SnapshotTable, readonly string[]>> = {
  service_index_region: ['score_reason', 'calendar_provisional'],
};

/** The rows as the methodology version publishes them. */
function published(table: SnapshotTable, rows: Record<string, unknown>[], version: string) {
  const drop = version === 'v1' ? (ADDED_IN_V2[table] ?? []) : [];
  if (drop.length === 0) return rows;
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Sort rows by their canonical JSON, so that the order an engine returns never changes a hash. */
function canonical(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows
    .map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => k !== 'year' && k !== 'quarter')
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    )
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/**
 * Read a period's published tables and the ledger entries of the submissions behind its curated data.
 * The period is a validated {@link Period}: only its integers reach SQL text.
 */
export async function readSnapshot(
  engine: QueryEngine,
  period: Period,
  methodology: { version: string; hash: string },
): Promise<SnapshotContent> {
  const where = `year = ${period.year} and quarter = ${period.quarter}`;
  const read = {} as SnapshotContent['tables'];
  for (const t of SNAPSHOT_TABLES) read[t] = await engine.rows(`select * from ${t} where ${where}`);
  const calendar_provisional = read.service_index_region.some((r) => r.calendar_provisional === true);
  const tables = {} as SnapshotContent['tables'];
  for (const t of SNAPSHOT_TABLES) tables[t] = canonical(published(t, read[t], methodology.version));
  const methodologyHash = methodology.hash;
  const fed = Object.entries(DATASET_TABLE)
    .map(
      ([dataset, table]) =>
        `select distinct ${literal(dataset)} as dataset, region_code, submission_id from ${ident(table)} where ${where}`,
    )
    .join(' union all ');
  const inputs = canonical(
    await engine.rows(
      `select f.dataset, f.region_code, f.submission_id, s.sha256, cast(s.uploaded_at as varchar) as uploaded_at
       from (${fed}) as f left join ${SUBMISSIONS_TABLE} as s on s.submission_id = f.submission_id`,
    ),
  ) as unknown as SnapshotInput[];
  const inputs_hash = sha256(JSON.stringify(inputs));
  const content_hash = sha256(JSON.stringify({ methodologyHash, inputs_hash, tables }));
  return { tables, inputs, inputs_hash, content_hash, calendar_provisional };
}
