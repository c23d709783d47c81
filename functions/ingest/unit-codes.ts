import { join } from 'node:path';
import { lake, parsePartition } from '#core/contract/lake.ts';
import { literal } from '#core/contract/sql.ts';
import type { Duck } from '#core/duckdb.ts';
import type { Period } from '#core/period.ts';
import type { ObjectStore } from '#core/store.ts';
import type { SubmissionReport } from './report.ts';

/** The region's unit registry of the period, or else of the latest period before it; undefined when none. */
async function registryKey(store: ObjectStore, region: string, period: Period): Promise<string | undefined> {
  const limit = period.year * 10 + period.quarter;
  let best: { key: string; at: number } | undefined;
  for await (const o of store.list(lake.curatedPrefix('units'))) {
    if (!o.key.endsWith(`/${region}.parquet`)) continue;
    const p = parsePartition(o.key);
    const at = p ? p.year * 10 + p.quarter : Number.NaN;
    if (at <= limit && (!best || at > best.at)) best = { key: o.key, at };
  }
  return best?.key;
}

/**
 * Units named but not coded (forms exports): where the region's registry knows the name, its code replaces
 * the derived one in `staged` (matched on the same word key the derived code is made of); the rest keep
 * the code derived from the name. Returns, per name, the code used and where it came from.
 */
export async function resolveUnitCodes(
  duck: Duck,
  store: ObjectStore,
  target: { region: string; period: Period },
  scratch: string,
): Promise<SubmissionReport['unit_codes']> {
  const named = await duck.rows<{ name: string; unit_id: string }>(
    `SELECT any_value(unit_name) AS name, unit_id FROM staged WHERE __valid AND __unit_from_name GROUP BY unit_id ORDER BY unit_id`,
  );
  if (named.length === 0) return [];
  const key = await registryKey(store, target.region, target.period);
  await duck.run('CREATE OR REPLACE TEMP TABLE unit_registry (derived VARCHAR, unit_id VARCHAR)');
  if (key) {
    const file = join(scratch, 'registry.parquet');
    await store.download(key, file);
    await duck.run(
      `INSERT INTO unit_registry SELECT pantau_unit_slug(unit_name), any_value(unit_id) FROM read_parquet(${literal(file)})
       WHERE unit_name IS NOT NULL GROUP BY 1`,
    );
  }
  const found = new Map(
    (await duck.rows<{ derived: string; unit_id: string }>('SELECT derived, unit_id FROM unit_registry')).map(
      (r) => [r.derived, r.unit_id],
    ),
  );
  if (named.some((n) => found.has(n.unit_id))) {
    await duck.run('DROP VIEW IF EXISTS staged_by_name');
    await duck.run('ALTER VIEW staged RENAME TO staged_by_name');
    await duck.run(
      `CREATE TEMP VIEW staged AS SELECT s.* REPLACE (CASE WHEN s.__unit_from_name THEN COALESCE(m.unit_id, s.unit_id) ELSE s.unit_id END AS unit_id)
       FROM staged_by_name s LEFT JOIN unit_registry m ON s.unit_id = m.derived`,
    );
  }
  return named.map((n) => ({
    name: n.name,
    unit_id: found.get(n.unit_id) ?? n.unit_id,
    source: found.has(n.unit_id) ? 'registry' : 'derived',
  }));
}
