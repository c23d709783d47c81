import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { dataset } from '#core/datasets/index.ts';
import type { Duck } from '#core/duckdb.ts';
import { lake } from '#core/lake.ts';
import type { LedgerEntry } from '#core/ledger.ts';
import { canonicalRegionCode } from '#core/regions.ts';
import type { ObjectStore } from '#core/store.ts';
import { codeFromNameColumn } from './compile.ts';
import { firstUploadTime } from './first-upload.ts';
import { columnTitle, type HeaderMapping, mapHeader, officerLabel } from './headers.ts';
import { clip, partsFromKey, resolveTarget, type Target, type TargetParts, uploadKeyError } from './key.ts';
import { fileErrors, notes, unitCodeNotes } from './notes.ts';
import { findings, writeCurated } from './outputs.ts';
import { timed } from './profile.ts';
import { type FileFacts, inspectFile } from './read/inspect.ts';
import { openSource } from './read/open.ts';
import { UnreadableFileError } from './read/source.ts';
import { baseReport, finish } from './record.ts';
import { writeRejectedRows } from './rejected-rows.ts';
import { replaceIfNewer } from './replace.ts';
import { type Holdings, holdingsClause, replaceUnits } from './replace-units.ts';
import { type SubmissionReport, summarise } from './report.ts';
import { curateClean, type Export, type Prestaged, type Staged, stage } from './stage.ts';
import { oneThreadFor } from './stage-source.ts';
import { loadUnitRegistry, resolveUnitCodes, type UnitRegistry } from './unit-codes.ts';

/** What ingest needs around it: the lake, the engine, a private scratch folder and settings. */
export interface IngestContext {
  lake: ObjectStore;
  /** DuckDB with the ingest macros installed (`openIngestEngine`). */
  duck: Duck;
  /** A local folder for this process only (downloads, conversions, staged files). */
  scratchDir: string;
  /** Salt of the hash kept for personal-data keys. */
  piiSalt: string;
  /** Largest share of invalid rows an accepted file may have. @default 0.05 */
  maxInvalidShare: number;
  /**
   * Look for earlier copies in the upload's folder: a file sent twice takes the time of its first upload,
   * whichever copy is processed first (`first-upload.ts`). Set by the CLI and the Lambda (whose role may list
   * `uploads/`); off where a caller's store may not be listed.
   */
  listUploads?: boolean;
}

/** One uploaded file: where it is, and (optionally) what it is for when the key does not say. */
export interface Upload {
  store: ObjectStore;
  key: string;
  target?: TargetParts;
  /**
   * The region the uploader's identity carries (e.g. the IAM-scoped first segment of an S3 key), when
   * known: a submission for any other region is rejected.
   */
  identityRegion?: string;
}

/**
 * Ingest one submission (docs/architecture.md, "The flow"): read, validate every row, then either replace the
 * region's curated data (accepted) or leave it untouched (rejected); always write the report and a ledger
 * entry, last, so a replay after a crash redoes what was missing and nothing twice.
 */
export async function ingestSubmission(ctx: IngestContext, upload: Upload): Promise<SubmissionReport> {
  const prepared = await prepareSubmission(ctx, upload);
  return 'report' in prepared ? prepared.report : completeSubmission(ctx, prepared.ready);
}

/** A submission read and mapped, whose rows are yet to be validated ({@link completeSubmission}). */
export interface ReadySubmission extends Export {
  /** Its report so far. */
  report: SubmissionReport;
  /** The report before the file was opened: what a duplicate's report is made from. */
  unopened: SubmissionReport;
  ledgerKey: string;
  /** The engine threads its file is read with. */
  threads: number;
}

/**
 * The first half of {@link ingestSubmission}: fetch the upload, resolve its target, and open and map the
 * file. Either its outcome is already known (a bad key or target, a duplicate, an unreadable file or missing
 * columns: the report, written) or it is ready to be validated, alone or in a batch of its shape.
 */
export async function prepareSubmission(
  ctx: IngestContext,
  upload: Upload,
): Promise<{ report: SubmissionReport } | { ready: ReadySubmission }> {
  const keyError = uploadKeyError(upload.key);
  if (keyError) {
    const id = createHash('sha256').update(upload.key).digest('hex').slice(0, 20);
    const facts = { sha256: '', size: 0 };
    const base = baseReport(upload.key, id, facts, new Date(0), ctx.maxInvalidShare);
    return { report: await finish(ctx, base, [keyError], undefined) };
  }
  const info = await timed('head', () => upload.store.head(upload.key));
  if (!info) throw new Error(`berkas tidak ditemukan: ${upload.key}`);
  const local = await timed('download', () => uploadedFile(upload, ctx.scratchDir));
  const parts = { ...partsFromKey(upload.key), ...definedOnly(upload.target ?? {}) };
  const resolved = withIdentity(resolveTarget(parts), upload.identityRegion);
  const facts = await timed('inspect', () => inspectFile(local));
  // a small file stays on one thread, so that a run of them never switches the engine's threads
  const threads = oneThreadFor(facts.size) ? 1 : ctx.duck.threads;
  await ctx.duck.useThreads(threads);
  const submissionId = createHash('sha256')
    .update(
      `${parts.dataset ?? ''}|${'target' in resolved ? resolved.target.region : (parts.region ?? '')}|${parts.period ?? ''}|${facts.sha256}`,
    )
    .digest('hex')
    .slice(0, 20);
  // the same bytes uploaded again under another name record the first upload's time, whatever the order
  const fromKey = 'target' in resolved && Object.keys(definedOnly(upload.target ?? {})).length === 0;
  const uploadedAt =
    fromKey && ctx.listUploads
      ? await timed('first-upload', () => firstUploadTime(upload.store, info, facts.sha256))
      : info.lastModified;
  const base = baseReport(upload.key, submissionId, facts, uploadedAt, ctx.maxInvalidShare);
  if ('errors' in resolved) {
    const unresolved = {
      ...base,
      dataset: parts.dataset ?? null,
      region_code: parts.region ?? null,
      period: parts.period ?? null,
    };
    return { report: await finish(ctx, unresolved, resolved.errors, undefined) };
  }
  const { target } = resolved;
  const report: SubmissionReport = {
    ...base,
    dataset: target.dataset,
    region_code: target.region,
    period: target.period.id,
    report_key: lake.reportKey(target.region, target.dataset, target.period, submissionId),
  };
  const ledgerKey = lake.ledgerKey(target.dataset, target.period, target.region, submissionId);
  const duplicate = await duplicateOf(ctx, report, ledgerKey);
  if (duplicate) return { report: duplicate };
  const unopened = { ...report };
  try {
    const opened = await openAndMap(ctx, target, local, facts, report);
    return 'errors' in opened
      ? { report: await finish(ctx, report, opened.errors, target) }
      : { ready: { ...opened.export, report, unopened, ledgerKey, threads } };
  } catch (e) {
    if (e instanceof UnreadableFileError) return { report: await finish(ctx, report, [e.message], target) };
    throw e;
  }
}

/**
 * A local file with the upload's bytes: the store's own file where it keeps one (a local folder: the
 * officer's file itself, only ever read), else a download into the scratch folder. A copy cost ~4.5 ms of
 * a national tree's CSV export, ~11 s of its ingest's worker time.
 */
async function uploadedFile(upload: Upload, scratchDir: string): Promise<string> {
  const own = upload.store.localFile?.(upload.key);
  if (own) return own;
  const local = join(scratchDir, 'upload');
  await upload.store.download(upload.key, local);
  return local;
}

/**
 * The second half of {@link ingestSubmission}: validate the rows (or take the staged rows a batch kept for
 * them) and write the outcome. `batched`: other submissions may have been completed since this one was
 * prepared, so the ledger is read again: a copy of the same submission among them makes it a duplicate.
 */
export async function completeSubmission(
  ctx: IngestContext,
  ready: ReadySubmission,
  batched?: { prestaged?: Prestaged },
): Promise<SubmissionReport> {
  const duplicate = batched && (await duplicateOf(ctx, ready.unopened, ready.ledgerKey));
  if (duplicate) return duplicate;
  await ctx.duck.useThreads(ready.threads);
  try {
    return await validateAndWrite(ctx, ready, batched?.prestaged);
  } catch (e) {
    if (e instanceof UnreadableFileError) return finish(ctx, ready.report, [e.message], ready.target);
    throw e;
  }
}

/** The report of a submission already in the ledger (`ledgerKey`): a duplicate, with the first one's counts. */
async function duplicateOf(
  ctx: IngestContext,
  report: SubmissionReport,
  ledgerKey: string,
): Promise<SubmissionReport | undefined> {
  const previous = await timed('ledger-head', () => ctx.lake.head(ledgerKey));
  if (!previous) return undefined;
  const entry = JSON.parse((await ctx.lake.readBytes(ledgerKey)).toString('utf8')) as LedgerEntry;
  return {
    ...report,
    ...counts(entry),
    status: 'duplicate',
    errors: [],
    summary: summarise({ ...entry, status: 'duplicate' }),
  };
}

/** Open the file and map its header, recording both in `report`; the errors when a column is missing. */
async function openAndMap(
  ctx: IngestContext,
  target: Target,
  local: string,
  facts: FileFacts,
  report: SubmissionReport,
): Promise<{ export: Export } | { errors: string[] }> {
  const ds = dataset(target.dataset);
  const src = await timed('open', () => openSource(local, facts, ds, ctx.duck, ctx.scratchDir));
  const mapping = mapHeader(ds, src.header);
  Object.assign(report, {
    format: src.description,
    sheet: src.sheet?.name ?? null,
    skipped_rows: src.skipped ?? { count: 0, rows: [] },
  });
  report.columns = {
    mapped: Object.fromEntries([...mapping.columns].map(([c, i]) => [c, src.header[i]!])),
    unknown: mapping.unknown,
    duplicate_headers: mapping.duplicates,
    missing: mapping.missing,
  };
  if (mapping.missing.length > 0) {
    const list = mapping.missing.map((c) => `"${columnTitle(ds, c)}"`).join(', ');
    return {
      errors: [
        `Kolom wajib tidak ditemukan: ${list}. Tambahkan kolom itu (judul kolom seperti contoh) lalu unggah ulang.`,
      ],
    };
  }
  report.notes = notes(ds, mapping, src);
  return { export: { ds, src, mapping, target } };
}

async function validateAndWrite(
  ctx: IngestContext,
  ready: ReadySubmission,
  prestaged: Prestaged | undefined,
): Promise<SubmissionReport> {
  const { ds, src, mapping, target, report } = ready;
  const lineage = { region: target.region, period: target.period.id, submissionId: report.submission_id };
  const submission = { submissionId: report.submission_id, salt: ctx.piiSalt };
  const curatedFile = join(ctx.scratchDir, 'curated.parquet');
  // the region's unit registry, loaded once where units are named but not coded
  let loaded: Promise<UnitRegistry> | undefined;
  const registry = () => {
    loaded ??= timed('unit-registry', () => loadUnitRegistry(ctx.duck, ctx.lake, target, ctx.scratchDir));
    return loaded;
  };
  // the curated file written: the units it codes from their names noted, the file made current
  const publish = async (unitCodes: SubmissionReport['unit_codes']) => {
    report.unit_codes = unitCodes;
    report.notes.push(...unitCodeNotes(unitCodes));
    await timed('curated', () => replaceCurated(ctx, ds, target, report, curatedFile));
    return timed('finish', () => finish(ctx, report, [], target));
  };
  // a large clean export is validated and curated in one pass; any other is staged first
  const clean = prestaged
    ? null
    : await timed('clean-pass', () =>
        curateClean(ctx.duck, ds, src, mapping, target, {
          ...submission,
          path: curatedFile,
          lineage,
          metadata: holdingsClause(holdingsOf(ds, report, false)),
          registry,
        }),
      );
  if (clean !== null) {
    const { rows } = clean;
    Object.assign(report, { rows_read: rows, rows_rejected: 0, rows_accepted: rows, nihil: false });
    return publish(clean.unitCodes);
  }
  const staged = await timed('stage', () =>
    stage(ctx.duck, ds, src, mapping, target, {
      ...submission,
      path: join(ctx.scratchDir, 'staged.parquet'),
      rejectedPath: join(ctx.scratchDir, 'rejected.parquet'),
      prestaged,
    }),
  );
  const rejected = staged.rowsInvalid + staged.duplicates;
  Object.assign(report, {
    rows_read: staged.rowsRead,
    rows_rejected: rejected,
    rows_accepted: staged.rowsRead - rejected,
    nihil: staged.rowsRead === 0,
  });
  if (rejected > 0) {
    Object.assign(report, await timed('findings', () => findings(ctx.duck, ds, staged, mapping, src.header)));
    report.quarantine_key = await timed('rejected-rows', () =>
      storeRejectedRows(ctx, ds, staged, mapping, src.header, target, report),
    );
  }
  const errors = fileErrors(staged.rowsRead, rejected, ctx.maxInvalidShare);
  if (errors.length > 0)
    return finish(ctx, { ...report, rows_accepted: 0, rows_rejected: staged.rowsRead }, errors, target);
  const unitCodes =
    staged.unitsFromName && codeFromNameColumn(ds)
      ? await timed('unit-codes', () => resolveUnitCodes(ctx.duck, registry))
      : report.unit_codes;
  await timed('curated-write', () =>
    writeCurated(
      ctx.duck,
      ds,
      lineage,
      curatedFile,
      holdingsClause(holdingsOf(ds, report, report.nihil)),
      staged,
    ),
  );
  return publish(unitCodes);
}

/**
 * What this submission's curated file holds: its own rows, and for a region-wide replacement or a nihil
 * report (no rows) the floor too.
 */
function holdingsOf(ds: Dataset<Record<string, Column>>, report: SubmissionReport, nihil: boolean): Holdings {
  const mine = { submission_id: report.submission_id, uploaded_at: report.uploaded_at };
  return {
    floor: ds.replaceScope === 'unit' && !nihil ? null : mine,
    versions: { [mine.submission_id]: mine.uploaded_at },
  };
}

/** Make this submission's curated file current: per unit (SKM, FKP) or for the whole region-period. */
async function replaceCurated(
  ctx: IngestContext,
  ds: Dataset<Record<string, Column>>,
  target: Target,
  report: SubmissionReport,
  curatedFile: string,
): Promise<void> {
  const mine = { submission_id: report.submission_id, uploaded_at: report.uploaded_at };
  const curatedKey = lake.curatedKey(target.dataset, target.period, target.region);
  report.curated_key = curatedKey;
  if (ds.replaceScope !== 'unit') {
    report.superseded_on_arrival_by = await replaceIfNewer(ctx.lake, curatedKey, curatedFile, mine);
    return;
  }
  const outcome = await timed('curated-units', () =>
    replaceUnits(
      ctx.lake,
      ctx.duck,
      curatedKey,
      curatedFile,
      { ...mine, nihil: report.nihil },
      ctx.scratchDir,
    ),
  );
  report.superseded_on_arrival_by = outcome.supersededBy;
  report.units = { replaced: outcome.replaced, kept: outcome.kept, superseded: outcome.superseded };
}

/** Write the rejected-row file and store it under its lake key (derived from the submission). */
async function storeRejectedRows(
  ctx: IngestContext,
  ds: Dataset<Record<string, Column>>,
  staged: Staged,
  mapping: HeaderMapping,
  header: string[],
  target: Target,
  report: SubmissionReport,
): Promise<string> {
  const key = lake.quarantineKey(target.dataset, target.period, target.region, report.submission_id);
  const file = join(ctx.scratchDir, 'rejected-rows.csv');
  const label = officerLabel(ds, mapping, header);
  await writeRejectedRows(ctx.duck, ds, staged, { mapping, header, label }, file);
  await ctx.lake.upload(file, key, { contentType: 'text/csv; charset=utf-8' });
  return key;
}

function withIdentity(resolved: ReturnType<typeof resolveTarget>, identity: string | undefined) {
  if (identity === undefined || !('target' in resolved)) return resolved;
  if (canonicalRegionCode(identity) === resolved.target.region) return resolved;
  return {
    errors: [
      `Kode wilayah ${resolved.target.region} bukan wilayah pengunggah ("${clip(identity)}"): setiap wilayah hanya boleh mengunggah data wilayahnya sendiri.`,
    ],
  };
}

const counts = (e: LedgerEntry) => ({
  nihil: e.nihil ?? false,
  rows_read: e.rows_read,
  rows_accepted: e.rows_accepted,
  rows_rejected: e.rows_rejected,
});
const definedOnly = (o: TargetParts): TargetParts =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
