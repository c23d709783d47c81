import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Duck, literal } from '#core/duckdb.ts';
import { lake } from '#core/lake.ts';
import { parsePeriod } from '#core/period.ts';
import { flagRows, regionVolumes, statusRows, unitRows } from './fixture-ops.ts';
import { indexRows, type Row } from './fixture-rows.ts';

export const PERIODS = ['2026-Q1', '2026-Q2'] as const;
const DEADLINES: Record<string, string> = { '2026-Q1': '2026-04-15', '2026-Q2': '2026-07-15' };

/** SQL type of a column from its values across all rows (numbers: BIGINT when all integers). */
function typeOf(values: Row[string][]): string {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.some((v) => typeof v === 'string') || present.length === 0) return 'VARCHAR';
  if (present.some((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return present.every((v) => Number.isInteger(v)) ? 'BIGINT' : 'DOUBLE';
}

/** Write one model's rows as `warehouse/{model}/year=YYYY/quarter=Q/data.parquet`, one file per period. */
async function writeModel(duck: Duck, root: string, model: string, rows: Row[]): Promise<void> {
  const names = Object.keys(rows[0] ?? {});
  const columns = names
    .map((n) => `${literal(n)}: ${literal(typeOf(rows.map((r) => r[n] ?? null)))}`)
    .join(', ');
  for (const id of new Set(rows.map((r) => String(r.period)))) {
    const key = lake.warehouseKey(model, parsePeriod(id)!);
    const path = join(root, ...key.split('/'));
    await mkdir(dirname(path), { recursive: true });
    const json = `${path}.ndjson`;
    await writeFile(
      json,
      rows
        .filter((r) => r.period === id)
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    await duck.run(
      `COPY (SELECT * FROM read_json(${literal(json)}, format = 'newline_delimited', columns = {${columns}}))
       TO ${literal(path)} (FORMAT parquet)`,
    );
    await rm(json);
  }
}

/** Write a ranking snapshot of a period: its manifest and `latest.json`. */
export async function writeSnapshot(root: string, period: string, runId: string): Promise<void> {
  const dir = join(root, 'published', 'rankings', period);
  await mkdir(join(dir, runId), { recursive: true });
  const manifest = {
    period,
    run_id: runId,
    methodology_version: 'v1',
    methodology_hash: 'a'.repeat(64),
    inputs_hash: 'b'.repeat(64),
    content_hash: 'c'.repeat(64),
    created_at: '2026-07-20T02:00:00Z',
  };
  await writeFile(join(dir, runId, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(dir, 'latest.json'), JSON.stringify({ run_id: runId }));
}

/** Every mart the dashboard reads, for both fixture periods. */
function allMarts(): Record<string, Row[]> {
  const marts: Record<string, Row[]> = {};
  let previous: Row[] | undefined;
  PERIODS.forEach((period, i) => {
    const seed = 100 * (i + 1);
    previous = indexRows(period, seed, previous);
    const add = (model: string, rows: Row[]) => {
      marts[model] = [...(marts[model] ?? []), ...rows];
    };
    add('service_index_region', previous);
    add('ikm_unit', unitRows(period, seed + 1));
    for (const [model, rows] of Object.entries(regionVolumes(period, seed + 2))) add(model, rows);
    add('submission_status', statusRows(period, DEADLINES[period]!, seed + 3));
    add('integrity_flags', flagRows(period, seed + 4));
  });
  return marts;
}

export const SNAPSHOT_RUN_ID = '20260720T020000Z-3f9a1c';

/**
 * A fixture lake in a new temp folder: all 552 regions, two periods of every mart, and a ranking snapshot
 * for the latest period only (the first has none).
 */
export async function fixtureLake(): Promise<{ root: string; marts: Record<string, Row[]> }> {
  const root = await mkdtemp(join(tmpdir(), 'pantau-dashboard-'));
  const marts = allMarts();
  const duck = await Duck.open();
  try {
    for (const [model, rows] of Object.entries(marts)) await writeModel(duck, root, model, rows);
  } finally {
    duck.close();
  }
  await writeSnapshot(root, PERIODS[1], SNAPSHOT_RUN_ID);
  return { root, marts };
}
