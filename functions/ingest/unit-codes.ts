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

/** A region's unit registry by the code each name derives: derived code → the registry's code. */
export type UnitRegistry = Map<string, string>;

/** The session variable holding the loaded registry, as a MAP (derived code → the registry's code). */
const REGISTRY_VARIABLE = 'pantau_unit_registry';

/**
 * SQL: the code of a unit named but not coded, whose code derived from its name is `derived` (SQL): the
 * registry's where it knows the name (matched on the same word key the derived code is made of), else the
 * derived one. A lookup in a value, not a join: the rows keep their order.
 */
export const registryCode = (derived: string) =>
  `COALESCE(getvariable(${literal(REGISTRY_VARIABLE)})[${derived}], ${derived})`;

/**
 * Load the region's unit registry (of the period, or else of the latest period before it) into the engine
 * for {@link registryCode}, and return it; empty when the region has none.
 */
export async function loadUnitRegistry(
  duck: Duck,
  store: ObjectStore,
  target: { region: string; period: Period },
  scratch: string,
): Promise<UnitRegistry> {
  const key = await registryKey(store, target.region, target.period);
  let registry = 'map([]::VARCHAR[], []::VARCHAR[])';
  if (key) {
    const file = join(scratch, 'registry.parquet');
    await store.download(key, file);
    // the path is a scratch file of ours: a literal
    registry = `(SELECT map_from_entries(COALESCE(list((derived, unit_id)), [])) FROM (
      SELECT pantau_unit_slug(unit_name) AS derived, any_value(unit_id) AS unit_id FROM read_parquet(${literal(file)})
      GROUP BY 1 HAVING derived IS NOT NULL))`;
  }
  await duck.run(`SET VARIABLE ${REGISTRY_VARIABLE} = ${registry}`);
  const v = `getvariable(${literal(REGISTRY_VARIABLE)})`;
  const entries = await duck.rows<{ derived: string; unit_id: string }>(
    `SELECT unnest(map_keys(${v})) AS derived, unnest(map_values(${v})) AS unit_id`,
  );
  return new Map(entries.map((e) => [e.derived, e.unit_id]));
}

/** Per unit named (its name, the code derived from it), the code used and where it came from. */
const codesUsed = (named: { name: string; unit_id: string }[], registry: UnitRegistry) =>
  named.map((n) => ({
    name: n.name,
    unit_id: registry.get(n.unit_id) ?? n.unit_id,
    source: registry.has(n.unit_id) ? ('registry' as const) : ('derived' as const),
  }));

/**
 * Units named but not coded (forms exports): where the region's registry knows the name, its code replaces
 * the derived one in `staged`; the rest keep the code derived from the name. Returns, per derived code, the
 * name as its first row writes it, the code used and where it came from. `registry` loads the region's
 * registry into the engine ({@link loadUnitRegistry}), asked only when some unit is named.
 */
export async function resolveUnitCodes(
  duck: Duck,
  registry: () => Promise<UnitRegistry>,
): Promise<SubmissionReport['unit_codes']> {
  const named = await duck.rows<{ name: string; unit_id: string }>(
    `SELECT arg_min(unit_name, __row) AS name, unit_id FROM staged WHERE __valid AND __unit_from_name
     GROUP BY unit_id ORDER BY unit_id`,
  );
  if (named.length === 0) return [];
  const found = await registry();
  if (named.some((n) => found.has(n.unit_id))) {
    await duck.run('DROP VIEW IF EXISTS staged_by_name');
    await duck.run('ALTER VIEW staged RENAME TO staged_by_name');
    await duck.run(
      `CREATE TEMP VIEW staged AS SELECT s.* REPLACE (CASE WHEN s.__unit_from_name THEN ${registryCode('s.unit_id')} ELSE s.unit_id END AS unit_id)
       FROM staged_by_name s`,
    );
  }
  return codesUsed(named, found);
}

/**
 * The units of a curated file whose every row took its code from its name (the one pass of an export
 * without a code column: see `curateClean`), as {@link resolveUnitCodes} reports them: each name's derived
 * code is made again from the name kept in the file.
 */
export async function unitCodesOf(
  duck: Duck,
  file: string,
  registry: UnitRegistry,
): Promise<SubmissionReport['unit_codes']> {
  // the path is a scratch file of ours: a literal. Each distinct name's code derived once
  const named = await duck.rows<{ name: string; unit_id: string }>(
    `SELECT arg_min(name, first) AS name, unit_id FROM (
       SELECT name, first, pantau_unit_slug(name) AS unit_id FROM (
         SELECT unit_name AS name, min(source_row) AS first FROM read_parquet(${literal(file)})
         WHERE unit_id IS NOT NULL GROUP BY 1))
     GROUP BY unit_id ORDER BY unit_id`,
  );
  return codesUsed(named, registry);
}
