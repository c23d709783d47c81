import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invalidPeriodMessage } from '#core/contract/names.ts';
import { parsePeriod } from '#core/period.ts';
import type { ObjectStore } from '#core/store.ts';
import type { QueryEngine } from '#warehouse/engine.ts';
import { type TransformProgress, transform } from '#warehouse/runner.ts';
import { EvaluateError } from './errors.ts';
import { publishSnapshot, type SnapshotManifest } from './publish.ts';
import { readSnapshot } from './snapshot.ts';
import { type SnapshotSummary, summarise } from './summary.ts';

export interface EvaluateOptions {
  lake: ObjectStore;
  engine: QueryEngine;
  /** `YYYY-Qn`. */
  period: string;
  /** Methodology version (`v1`, `v2`) or file. @default `PANTAU_METHODOLOGY`, else v2 */
  methodology?: string;
  onProgress?: (p: TransformProgress) => void;
}

export interface EvaluateResult {
  manifest: SnapshotManifest;
  /** Mart partitions the transform wrote. */
  partitions: number;
  /** false when an identical snapshot already existed (same inputs, same methodology). */
  created: boolean;
  summary: SnapshotSummary;
}

/**
 * The quarterly evaluation (the same core the AWS schedule calls): rebuild the period's warehouse
 * (service index and ranks, submission monitoring, integrity flags), then publish an immutable,
 * content-addressed ranking snapshot with its methodology and input hashes.
 */
export async function evaluate(options: EvaluateOptions): Promise<EvaluateResult> {
  const period = parsePeriod(options.period);
  if (!period) throw new EvaluateError(invalidPeriodMessage(options.period));
  const built = await transform({
    lake: options.lake,
    engine: options.engine,
    periods: [period.id],
    methodologyFile: options.methodology,
    onProgress: options.onProgress,
  });
  const content = await readSnapshot(options.engine, period, built.methodology);
  const summary = summarise(period.id, content);
  const scratch = await mkdtemp(join(tmpdir(), 'pantau-evaluate-'));
  try {
    const published = await publishSnapshot(
      options.lake,
      period,
      content,
      summary,
      built.methodology,
      scratch,
    );
    return { ...published, partitions: built.partitions, summary };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
