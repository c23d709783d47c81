import { randomBytes } from 'node:crypto';
import type { Period } from '#core/period.ts';

/**
 * Where one scheduled run builds before readers see it (the Athena engine's run-scoped locations):
 * staging and intermediate models become Glue tables `run_{run}_{model}` over `scratch/{run}/{model}/`,
 * dropped when the run ends; each mart partition is written under `run={run}/` inside its partition folder
 * and becomes visible when the Glue partition's location is switched to it.
 */
export const runScope = {
  /** Where the job keeps its run state. */
  stateRoot: 'runs/',
  /** Where runs build their staging and intermediate tables. */
  scratchRoot: 'scratch/',
  /** The run's state and lock (one run at a time). */
  stateKey: 'runs/current.json',
  /** Glue table of a model materialised for one run. */
  table: (runId: string, model: string) => `run_${runId}_${model}`,
  scratchPrefix: (runId: string) => `scratch/${runId}/`,
  scratchModelPrefix: (runId: string, model: string) => `scratch/${runId}/${model}/`,
  /** Every object of one mart partition, whichever run wrote it. */
  partitionPrefix: (model: string, period: Period) =>
    `warehouse/${model}/year=${period.year}/quarter=${period.quarter}/`,
  /** The folder a run writes one mart partition to. */
  martRunPrefix: (model: string, period: Period, runId: string) =>
    `warehouse/${model}/year=${period.year}/quarter=${period.quarter}/run=${runId}/`,
} as const;

const RUN_ID = /^[0-9a-z]{8,40}$/;

/** A new run id: UTC time to the second plus randomness, lowercase (valid in a Glue table name). */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}${randomBytes(3).toString('hex')}`;
}

/** A run id from an event or a state file, checked before it reaches a key or a table name. */
export function checkRunId(id: string): string {
  if (!RUN_ID.test(id)) throw new RangeError(`run id tidak valid: ${JSON.stringify(id)}`);
  return id;
}

/** `s3://bucket/prefix` for a lake key prefix. */
export const s3Uri = (bucket: string, prefix: string) => `s3://${bucket}/${prefix}`;
