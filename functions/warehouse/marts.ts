import { ident, literal } from '#core/contract/sql.ts';
import { type Bilingual, duckType, type MartGlueType } from '#core/contract/types.ts';
import type { Period } from '#core/period.ts';
import type { QueryEngine } from './engine.ts';
import type { DocumentedModel } from './models.ts';

/**
 * A mart as declared in its model file's header — the one declaration its partitions are checked against
 * and that the Glue tables and the data dictionary are generated from:
 *
 * ```sql
 * -- grain: <what one row is, Bahasa> | <English>
 * -- key: region_code, unit_id
 * -- column <name> <glue type>: <meaning, Bahasa> | <English>
 * ```
 */
export interface MartDeclaration {
  name: string;
  grain: Bilingual;
  /** Columns identifying a row within a period: unique together, never null. */
  key: readonly string[];
  columns: readonly { name: string; type: MartGlueType; doc: Bilingual }[];
}

/** A partition that does not match its mart's declaration. */
export class MartDriftError extends Error {
  override name = 'MartDriftError';
}

/** The declarations of the marts among `models` (those written as partitions); each must declare its key. */
export function martDeclarations(models: readonly DocumentedModel[]): MartDeclaration[] {
  return models
    .filter((m) => m.materialized === 'partition')
    .map((m) => {
      if (!m.grain || m.key.length === 0 || m.columns.length === 0)
        throw new Error(
          `${m.file}: a mart must declare its grain, key and columns (-- grain/-- key/-- column)`,
        );
      return { name: m.name, grain: m.grain, key: m.key, columns: m.columns };
    });
}

/** Differences between the stored partition's columns and the declaration (empty when they match). */
export function columnDrift(
  mart: MartDeclaration,
  stored: readonly { name: string; type: string }[],
): string[] {
  const problems: string[] = [];
  const found = new Map(stored.map((c) => [c.name, c.type]));
  for (const c of mart.columns) {
    const type = found.get(c.name);
    const expected = duckType(c.type);
    if (type === undefined) problems.push(`kolom ${c.name} tidak ada`);
    else if (type !== expected) problems.push(`kolom ${c.name} bertipe ${type}, dideklarasikan ${expected}`);
  }
  for (const c of stored)
    if (!mart.columns.some((d) => d.name === c.name)) problems.push(`kolom ${c.name} tidak dideklarasikan`);
  return problems;
}

/**
 * Key values of the period's partition that are null or repeated (as dbt's `not_null` and `unique`), and rows
 * that name another period than the partition they are stored in.
 */
async function keyDrift(engine: QueryEngine, mart: MartDeclaration, period: Period): Promise<string[]> {
  const keys = mart.key.map(ident);
  const foreign = mart.columns.some((c) => c.name === 'period')
    ? `CASE WHEN period IS DISTINCT FROM ${literal(period.id)} THEN 1 ELSE 0 END`
    : '0';
  const [found] = await engine.rows<Record<'repeated' | 'nulls' | 'other_period', number | string | null>>(
    `SELECT sum(CASE WHEN n > 1 THEN 1 ELSE 0 END) AS repeated, sum(CASE WHEN has_null = 1 THEN n ELSE 0 END) AS nulls,
            sum(foreign_rows) AS other_period
     FROM (SELECT count(*) AS n, max(CASE WHEN ${keys.map((k) => `${k} IS NULL`).join(' OR ')} THEN 1 ELSE 0 END) AS has_null,
                  sum(${foreign}) AS foreign_rows
           FROM ${ident(mart.name)} WHERE year = ${period.year} AND quarter = ${period.quarter}
           GROUP BY ${keys.join(', ')}) AS k`,
  );
  const [repeated, nulls, other] = [found?.repeated, found?.nulls, found?.other_period].map((v) =>
    Number(v ?? 0),
  );
  const key = mart.key.join(', ');
  const problems: string[] = [];
  if (nulls! > 0) problems.push(`${nulls} baris dengan kunci (${key}) kosong`);
  if (repeated! > 0) problems.push(`${repeated} nilai kunci (${key}) muncul lebih dari sekali`);
  if (other! > 0) problems.push(`${other} baris dengan period selain ${period.id}`);
  return problems;
}

/**
 * Check the partition just written against the mart's declaration: the columns and their types, and that
 * the key is unique and never null. Throws {@link MartDriftError} naming every difference.
 */
export async function checkPartition(
  engine: QueryEngine,
  mart: MartDeclaration,
  period: Period,
): Promise<void> {
  const problems = [
    ...columnDrift(mart, await engine.partitionColumns(mart.name, period)),
    ...(await keyDrift(engine, mart, period)),
  ];
  if (problems.length > 0)
    throw new MartDriftError(
      `mart ${mart.name} ${period.id} tidak sesuai deklarasinya di sql/marts/${mart.name}.sql: ${problems.join('; ')}`,
    );
}
