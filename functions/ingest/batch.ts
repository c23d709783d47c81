import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ident } from '#core/contract/sql.ts';
import {
  completeSubmission,
  type IngestContext,
  prepareSubmission,
  type ReadySubmission,
  type Upload,
} from './ingest.ts';
import type { SubmissionReport } from './report.ts';
import { type BatchShape, batchShape, type Prestaged, stageBatch } from './stage.ts';

/**
 * Most uploads prepared, and most bytes of their sources, before the waiting ones are validated and
 * completed: each keeps its scratch folder until then, and a batch's rows are held in the engine while it
 * is validated. A batch of one shape costs about one small export's validating copy (~15 ms) plus a few
 * ms a file.
 */
const BATCH = { files: 256, bytes: 32 * 1024 * 1024 };
/** Most uploads validated together ({@link BATCH}). */
export const BATCH_FILES = BATCH.files;

/** An upload taken: its place in the run, its context (own scratch folder) and where it stands. */
interface Taken {
  index: number;
  ctx: IngestContext;
  /** Its outcome when known before validation (e.g. a duplicate, an unreadable file). */
  report?: SubmissionReport;
  ready?: ReadySubmission;
  /** For one to be validated: with which others, if any. */
  shape?: BatchShape;
}

/**
 * Ingest uploads one after another, with the outcome {@link ingestSubmission} gives each, reported in their
 * order; but small exports of one shape ({@link batchShape}) are validated together, in one statement
 * ({@link stageBatch}), which saves most of each one's validating copy. Uploads are prepared (fetched,
 * opened, mapped) until {@link BATCH} says enough wait; then the waiting ones are validated, by shape, and
 * each is completed in turn. A submission sent twice within a batch is completed once, then found in the
 * ledger: a duplicate, as one after the other would be.
 *
 * The uploads come in deliveries (a list, or lists as a caller receives them: `pantau ingest --jobs`'s
 * workers); the waiting ones are validated at the end of each delivery too, so that none waits for the
 * next one. `index` counts across deliveries.
 */
export async function ingestUploads(
  ctx: IngestContext,
  deliveries: Iterable<Upload[]> | AsyncIterable<Upload[]>,
  onReport: (report: SubmissionReport, index: number) => void,
): Promise<void> {
  let taken: Taken[] = [];
  let bytes = 0;
  const flush = async () => {
    const { prestaged, tables } = await stageShapes(ctx, taken);
    try {
      for (const t of taken)
        onReport(
          t.report ?? (await completeSubmission(t.ctx, t.ready!, { prestaged: prestaged.get(t) })),
          t.index,
        );
    } finally {
      for (const table of tables) await ctx.duck.run(`DROP TABLE IF EXISTS ${ident(table)}`);
    }
    taken = [];
    bytes = 0;
  };
  let index = 0;
  for await (const uploads of deliveries) {
    for (const upload of uploads) {
      // each waiting upload keeps its own scratch folder: its download, conversion and staged rows
      const slot = { ...ctx, scratchDir: join(ctx.scratchDir, `upload-${taken.length}`) };
      await mkdir(slot.scratchDir, { recursive: true });
      const prepared = await prepareSubmission(slot, upload);
      const shape = 'ready' in prepared ? batchShape(ctx.duck, prepared.ready) : undefined;
      taken.push({ index: index++, ctx: slot, ...prepared, shape });
      bytes += shape?.bytes ?? 0;
      if (taken.length >= BATCH.files || bytes >= BATCH.bytes) await flush();
    }
    await flush();
  }
}

/**
 * The staged rows of each waiting upload whose shape another one shares: one statement per shape, into a
 * temp table of its own (named by the shape, so that the statement's text is the same every time), to be
 * dropped once the uploads are completed. A batch whose statement fails is left to its files' own copies,
 * so that an error is one file's, as it would be without batches.
 */
async function stageShapes(
  ctx: IngestContext,
  taken: Taken[],
): Promise<{ prestaged: Map<Taken, Prestaged>; tables: string[] }> {
  const shapes = new Map<string, Taken[]>();
  for (const t of taken) {
    const text = t.shape?.text;
    if (text) shapes.set(text, [...(shapes.get(text) ?? []), t]);
  }
  const prestaged = new Map<Taken, Prestaged>();
  const tables: string[] = [];
  for (const [shape, group] of shapes) {
    if (group.length < 2) continue;
    const table = `batch_${createHash('sha256').update(shape).digest('hex').slice(0, 16)}`;
    tables.push(table);
    const staged = await stageBatch(
      ctx.duck,
      group.map((t) => t.ready!),
      { salt: ctx.piiSalt, table },
    ).catch(() => []);
    for (const [i, t] of group.entries()) if (staged[i]) prestaged.set(t, staged[i]);
  }
  return { prestaged, tables };
}
