import { join } from 'node:path';
import { literal } from '#core/contract/sql.ts';
import type { Duck } from '#core/duckdb.ts';
import { listValue } from '#core/duckdb.ts';
import { type ObjectStore, PreconditionFailedError } from '#core/store.ts';
import { PARQUET_WRITE } from './limits.ts';
import { newer, type Version } from './replace.ts';

/**
 * What a curated file of a unit-scoped dataset holds, in its Parquet key-value metadata: the upload time of
 * every submission whose rows it holds, and the floor — the newest region-wide replacement (a nihil
 * report), which owns every unit without rows.
 */
export interface Holdings {
  floor: Version | null;
  versions: Record<string, string>;
}

/** The Parquet key-value metadata entry holding {@link Holdings}. */
export const HOLDINGS_KEY = 'pantau_holdings';

/** What a unit-scoped replacement did. */
export interface UnitOutcome {
  /** This submission's units now current (their earlier data replaced, or new). */
  replaced: string[];
  /** The region's other units, left as they were. */
  kept: string[];
  /** This submission's units whose data from a newer upload stays. */
  superseded: string[];
  /** The newer submission holding all of this one's units, when none was taken. */
  supersededBy: string | null;
}

/**
 * KV_METADATA clause of a curated file holding the given versions (our ids and times only), the versions in
 * id order: the same holdings give the same bytes whichever submission arrived first.
 */
export const holdingsClause = (h: Holdings) => {
  const versions = Object.fromEntries(Object.entries(h.versions).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `KV_METADATA {${HOLDINGS_KEY}: ${literal(JSON.stringify({ floor: h.floor, versions }))}}`;
};

async function readHoldings(duck: Duck, file: string, writer: Version | undefined): Promise<Holdings> {
  const [kv] = await duck.rows<{ v: string }>(
    `SELECT decode(value) AS v FROM parquet_kv_metadata(${literal(file)}) WHERE decode(key) = ${literal(HOLDINGS_KEY)}`,
  );
  if (kv) return JSON.parse(kv.v) as Holdings;
  // written by a region-wide replacement: its writer owns everything
  return {
    floor: writer ?? null,
    versions: writer ? { [writer.submission_id]: writer.uploaded_at } : {},
  };
}

const owners = async (duck: Duck, file: string) =>
  new Map(
    (
      await duck.rows<{ unit_id: string; submission_id: string }>(
        `SELECT unit_id, any_value(submission_id) AS submission_id FROM read_parquet(${literal(file)}) GROUP BY unit_id`,
      )
    ).map((r) => [r.unit_id, r.submission_id]),
  );

/** Decide, unit by unit, who wins between the current holders and this submission. */
function decide(
  held: Holdings,
  current: Map<string, string>,
  mineUnits: string[],
  mine: Version,
  nihil: boolean,
) {
  const ownerOf = (unit: string): Version | null => {
    const id = current.get(unit);
    if (id !== undefined && held.versions[id] !== undefined)
      return { submission_id: id, uploaded_at: held.versions[id]! };
    return held.floor;
  };
  const beats = (unit: string) => {
    const owner = ownerOf(unit);
    return !owner || !newer(owner, mine);
  };
  // a nihil report speaks for the whole region: every unit older than it is cleared
  const candidates = nihil ? [...current.keys()] : mineUnits;
  const taken = candidates.filter(beats);
  const superseded = mineUnits.filter((u) => !beats(u));
  const blockers = superseded.map(ownerOf).filter((v): v is Version => v !== null);
  const newest = blockers.reduce<Version | null>((a, b) => (a && newer(a, b) ? a : b), null);
  return { taken, superseded, newest };
}

/**
 * Make this submission's units current in the curated file at `key`, keeping the region's other units: the
 * merged file replaces the old one in one conditional write (a reader sees before or after, never a mix),
 * per unit the newest upload wins whatever the processing order, and a replay finds itself already there.
 * `mineFile` is this submission's curated rows, written with {@link holdingsClause} of itself alone.
 */
export async function replaceUnits(
  store: ObjectStore,
  duck: Duck,
  key: string,
  mineFile: string,
  mine: Version & { nihil: boolean },
  scratch: string,
): Promise<UnitOutcome> {
  const mineUnits = [...(await owners(duck, mineFile)).keys()].sort();
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await store.head(key);
    const put = {
      ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const }),
      metadata: { submission_id: mine.submission_id, uploaded_at: mine.uploaded_at },
      contentType: 'application/vnd.apache.parquet',
    };
    try {
      if (!current) {
        await store.upload(mineFile, key, put);
        return { replaced: mineUnits, kept: [], superseded: [], supersededBy: null };
      }
      const currentFile = join(scratch, 'current.parquet');
      await store.download(key, currentFile);
      const held = await readHoldings(duck, currentFile, current.metadata as Version | undefined);
      const units = await owners(duck, currentFile);
      if (held.versions[mine.submission_id] !== undefined || held.floor?.submission_id === mine.submission_id)
        return replayed(units, mineUnits, mine.submission_id);
      const { taken, superseded, newest } = decide(held, units, mineUnits, mine, mine.nihil);
      const kept = [...units.keys()].filter((u) => !taken.includes(u)).sort();
      const floorWins = mine.nihil && !(held.floor && newer(held.floor, mine));
      if (taken.length === 0 && !floorWins) {
        const by = newest ?? (mine.nihil ? held.floor : null);
        return { replaced: [], kept, superseded, supersededBy: by?.submission_id ?? null };
      }
      const merged = join(scratch, 'merged.parquet');
      await writeMerged(duck, { currentFile, mineFile, merged, taken }, held, mine, floorWins);
      await store.upload(merged, key, put);
      return { replaced: mine.nihil ? [] : taken.sort(), kept, superseded, supersededBy: null };
    } catch (e) {
      if (!(e instanceof PreconditionFailedError)) throw e;
    }
  }
  throw new Error(`pergantian data ${key} gagal: terlalu banyak penulisan bersamaan`);
}

/** A replay after a crash (or a re-run): this submission is already in the file. */
function replayed(units: Map<string, string>, mineUnits: string[], id: string): UnitOutcome {
  const replaced = mineUnits.filter((u) => units.get(u) === id);
  return {
    replaced,
    kept: [...units.keys()].filter((u) => units.get(u) !== id).sort(),
    superseded: mineUnits.filter((u) => units.get(u) !== id),
    supersededBy: null,
  };
}

/** The current rows of the units not taken, and this submission's rows of the units taken. */
async function writeMerged(
  duck: Duck,
  files: { currentFile: string; mineFile: string; merged: string; taken: string[] },
  held: Holdings,
  mine: Version,
  floorWins: boolean,
): Promise<void> {
  const taken = { taken: listValue(files.taken) };
  const [present] = await duck.rows<{ ids: string[] }>(
    `SELECT list(DISTINCT submission_id ORDER BY submission_id) AS ids FROM read_parquet(${literal(files.currentFile)})
     WHERE NOT list_contains($taken::VARCHAR[], unit_id)`,
    taken,
  );
  const versions: Record<string, string> = {};
  for (const id of present?.ids ?? []) if (held.versions[id]) versions[id] = held.versions[id];
  if (files.taken.length > 0 && !floorWins) versions[mine.submission_id] = mine.uploaded_at;
  const floor = floorWins ? { submission_id: mine.submission_id, uploaded_at: mine.uploaded_at } : held.floor;
  if (floorWins) versions[mine.submission_id] = mine.uploaded_at;
  // rows by unit, then by their submission's row: the same units' rows give the same bytes whichever
  // submission arrived first, and however the engine's threads interleave the two scans
  const rows = (file: string, where: string) => `SELECT * FROM read_parquet(${literal(file)}) WHERE ${where}`;
  await duck.run(
    `COPY (SELECT * FROM (
       ${rows(files.currentFile, 'NOT list_contains($taken::VARCHAR[], unit_id)')}
       UNION ALL BY NAME
       ${rows(files.mineFile, 'list_contains($taken::VARCHAR[], unit_id)')})
       ORDER BY unit_id, submission_id, source_row)
     TO ${literal(files.merged)} (${PARQUET_WRITE}, ${holdingsClause({ floor, versions })})`,
    taken,
  );
}
