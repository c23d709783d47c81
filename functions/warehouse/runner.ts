import { lake, parsePartition } from '#core/contract/lake.ts';
import { invalidPeriodMessage } from '#core/contract/names.ts';
import { loadMethodology } from '#core/methodology.ts';
import { type Period, parsePeriod } from '#core/period.ts';
import type { ObjectStore } from '#core/store.ts';
import type { QueryEngine } from './engine.ts';
import { WarehouseError } from './errors.ts';
import { checkPartition, martDeclarations } from './marts.ts';
import { type DocumentedModel, loadModels } from './models.ts';
import { seedsFor } from './seeds.ts';

/** One step of a run, for progress lines. */
export interface TransformProgress {
  period: string;
  model: string;
  /** 1-based step number over the whole run, and the number of steps. */
  step: number;
  steps: number;
}

export interface TransformOptions {
  /** The lake: used to find the periods present in curated data (`'all'`). */
  lake: ObjectStore;
  engine: QueryEngine;
  /** Period ids (`2026-Q3`), validated here; `'all'` = every period with curated data. */
  periods: readonly string[] | 'all';
  /** Models to run. @default every file under `sql/` */
  models?: readonly DocumentedModel[];
  /** Methodology: a shipped version (`v1`, `v2`) or a file path. @default `PANTAU_METHODOLOGY`, else v2 */
  methodologyFile?: string;
  onProgress?: (p: TransformProgress) => void;
}

export interface TransformResult {
  periods: string[];
  models: string[];
  /** Marts written, one partition per period each. */
  partitions: number;
  ms: number;
  /** The methodology the marts were built with (version and file hash). */
  methodology: { version: string; hash: string };
}

/** A period argument that is not `YYYY-Qn`. */
export class PeriodError extends WarehouseError {
  override name = 'PeriodError';
}

/** Periods that have curated data: the partitions under the curated root. */
export async function curatedPeriods(store: ObjectStore): Promise<Period[]> {
  const periods = new Map<string, Period>();
  for await (const o of store.list(lake.curatedRoot)) {
    const p = parsePartition(o.key);
    if (p) periods.set(p.id, p);
  }
  return [...periods.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function validPeriods(ids: readonly string[]): Period[] {
  const periods = ids.map((id) => parsePeriod(id) ?? invalid(id));
  return [...new Map(periods.map((p) => [p.id, p])).values()].sort((a, b) => a.id.localeCompare(b.id));
}

function invalid(id: string): never {
  throw new PeriodError(invalidPeriodMessage(id));
}

/**
 * Build the warehouse: load seeds, then for each period (oldest first, so a period can read the one
 * before it) run every model in reference order — staging and intermediate as run relations, marts as
 * that period's partition, checked against the mart's declaration (marts.ts). Other periods' partitions are
 * never touched. The same call serves the CLI,
 * the demo and the AWS job; only the engine differs.
 */
export async function transform(options: TransformOptions): Promise<TransformResult> {
  const started = Date.now();
  const periods =
    options.periods === 'all' ? await curatedPeriods(options.lake) : validPeriods(options.periods);
  const models = options.models ?? (await loadModels());
  const { engine } = options;
  const { methodology, hash } = await loadMethodology(options.methodologyFile);
  const used = { version: methodology.version, hash };
  if (periods.length === 0)
    return { periods: [], models: models.map((m) => m.name), partitions: 0, ms: 0, methodology: used };
  for (const seed of seedsFor(periods, methodology, hash)) await engine.loadSeed(seed);
  const marts = new Map(martDeclarations(models).map((m) => [m.name, m]));
  const steps = periods.length * models.length;
  let step = 0;
  let partitions = 0;
  for (const period of periods) {
    await engine.bindPeriod(period);
    for (const model of models) {
      options.onProgress?.({ period: period.id, model: model.name, step: ++step, steps });
      if (model.materialized === 'partition') {
        await engine.writePartition(model, period);
        await checkPartition(engine, marts.get(model.name)!, period);
        partitions += 1;
      } else await engine.createRelation(model);
    }
  }
  return {
    periods: periods.map((p) => p.id),
    models: models.map((m) => m.name),
    partitions,
    ms: Date.now() - started,
    methodology: used,
  };
}
