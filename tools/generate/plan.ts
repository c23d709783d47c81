import type { DatasetId } from '#core/datasets/index.ts';
import type { Methodology } from '#core/methodology.ts';
import type { Period } from '#core/period.ts';
import type { Region } from '#core/regions.ts';
import { DAY, deadlineInstant, HOUR, quarterBounds } from './calendar.ts';
import type { Rng } from './random.ts';
import type { MessShares } from './scale.ts';
import { chooseStyle, type FileStyle } from './style.ts';

export const MALFORMED_KINDS = ['missing-column', 'empty', 'garbage', 'too-many-invalid'] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];
export const INVALID_KINDS = ['score', 'bad-date', 'empty-required', 'duplicate-id'] as const;
export type InvalidKind = (typeof INVALID_KINDS)[number];
export type ExpectedStatus = 'accepted' | 'rejected' | 'duplicate';
export type SubmissionStatus = 'on_time' | 'late' | 'missing' | 'rejected';

/** One uploaded file, planned before any row is drawn. */
export interface FilePlan {
  /** File name without extension (the extension follows the style's format). */
  base: string;
  /** Folder as the officer typed it: dotted (`31.71`) or undotted (`3171`). */
  regionFolder: string;
  /** Upload instant (UTC ms), written as the file's mtime. */
  uploadedAt: number;
  style: FileStyle;
  expected: ExpectedStatus;
  malformed?: MalformedKind;
  /** A second upload of the previous file's exact bytes. */
  copy?: boolean;
  /** Invalid-row probes injected into an accepted file (about 1 % of its rows). */
  invalid: InvalidKind[];
  /** A nihil report: the header and no rows ("none this period"), accepted with zero rows. */
  nihil?: boolean;
  /** One unit's file among several (SKM, FKP): the units `i` with `i % of === index`. */
  part?: { index: number; of: number };
}

/** Everything uploaded for one (region, dataset, period), in upload order; no file = missing. */
export interface SubmissionPlan {
  region: Region;
  dataset: DatasetId;
  period: Period;
  files: FilePlan[];
}

/** How regions title each dataset in file names and title rows. */
export const DATASET_LABEL: Record<DatasetId, string> = {
  skm: 'SKM',
  fkp: 'FKP',
  complaints: 'Pengaduan LAPOR',
  units: 'Daftar Unit Layanan',
};
const ROMAN = ['I', 'II', 'III', 'IV'];
const EXT = { csv: 'csv', xlsx: 'xlsx', json: 'json', ndjson: 'ndjson' } as const;

/** A file name as regions name their exports (without extension). */
function baseName(rng: Rng, s: Omit<SubmissionPlan, 'files'>, uploadedAt: number): string {
  const digits = s.region.code.replace('.', '');
  const d = new Date(uploadedAt).toISOString().slice(0, 10).replaceAll('-', '');
  return rng.pick([
    `${s.dataset}_${digits}_${s.period.year}Q${s.period.quarter}`,
    `Rekap ${DATASET_LABEL[s.dataset]} Triwulan ${ROMAN[s.period.quarter - 1]} ${s.period.year}`,
    `export_${s.dataset}_${d}`,
    `${DATASET_LABEL[s.dataset].toLowerCase().replaceAll(' ', '_')}_${s.region.name.toLowerCase().replace(/[^a-z]+/g, '_')}`,
  ]);
}

/** Upload instant: on time (after the quarter, ≥ 1 day before the deadline) or late (after it). */
export function uploadInstant(rng: Rng, p: Period, m: Methodology, late: boolean): number {
  const deadline = deadlineInstant(p, m);
  if (late) return deadline + rng.int(1, 40 * 24) * HOUR + rng.int(0, 3599) * 1000;
  const { end } = quarterBounds(p);
  return end + rng.int(1, Math.floor((deadline - end) / HOUR) - 24) * HOUR + rng.int(0, 3599) * 1000;
}

/**
 * The unit registry's upload: in the first hour after the quarter, before every other upload of the period
 * (each at least an hour after it), so that the units its forms exports name resolve to its codes.
 */
export function registryInstant(rng: Rng, p: Period): number {
  return quarterBounds(p).end + rng.int(0, 3599) * 1000;
}

/** The file's name: its base and the extension of its format. */
export const fileName = (f: FilePlan) => `${f.base}.${EXT[f.style.format]}`;

export function filePlan(
  rng: Rng,
  s: Omit<SubmissionPlan, 'files'>,
  uploadedAt: number,
  undotted: boolean,
  base?: string,
): FilePlan {
  const style = chooseStyle(rng, s.dataset);
  const name = base ?? baseName(rng, s, uploadedAt);
  return {
    base: name,
    regionFolder: undotted ? s.region.code.replace('.', '') : s.region.code,
    uploadedAt,
    style,
    expected: 'accepted',
    invalid: [],
  };
}

/**
 * Whether a format can carry a nihil report: the header row says "none this period". An empty JSON array or
 * NDJSON file has no header, so it is rejected like any export that cannot be told from a broken one.
 */
export const hasHeaderRow = (format: FileStyle['format']) => format === 'csv' || format === 'xlsx';

/** Draw the uploads of one (region, dataset, period) from the mess shares. */
export function planSubmission(
  rng: Rng,
  s: Omit<SubmissionPlan, 'files'>,
  m: Methodology,
  mess: MessShares,
): SubmissionPlan {
  const registry = s.dataset === 'units';
  if (!registry && rng.chance(mess.missing)) return { ...s, files: [] };
  const late = !registry && rng.chance(mess.late);
  const at = registry ? registryInstant(rng, s.period) : uploadInstant(rng, s.period, m, late);
  const first = filePlan(rng, s, at, rng.chance(mess.undottedRegion));
  const files = [first];
  if (!registry && rng.chance(mess.malformed)) {
    first.expected = 'rejected';
    first.malformed = rng.pick(
      MALFORMED_KINDS.filter((k) => k !== 'too-many-invalid' || s.dataset === 'skm'),
    );
    if (rng.chance(mess.reupload)) files.push(reupload(rng, s, first));
  } else if (s.dataset === 'skm' && rng.chance(mess.invalidRows)) {
    first.invalid = rng.shuffle(INVALID_KINDS).slice(0, rng.int(1, 2));
  }
  // a forms export has no survey-date column to break: it is kept for clean files
  if (first.malformed || first.invalid.length > 0) first.style.shape = 'plain';
  const last = files[files.length - 1]!;
  if (!registry && last.expected === 'accepted' && rng.chance(mess.duplicateUpload))
    files.push(duplicateOf(last));
  if (files.length === 1 && first.expected === 'accepted' && first.invalid.length === 0) {
    if (!registry && rng.chance(mess.nihil) && hasHeaderRow(first.style.format)) first.nihil = true;
    else if ((s.dataset === 'skm' || s.dataset === 'fkp') && rng.chance(mess.unitFiles))
      files.push(...splitByUnit(rng, s, first));
  }
  return { ...s, files };
}

/** Each service unit sends its own file (SKM, FKP): the first file becomes the first of two units' files. */
export function splitByUnit(rng: Rng, s: Omit<SubmissionPlan, 'files'>, first: FilePlan): FilePlan[] {
  first.part = { index: 0, of: 2 };
  const second = filePlan(rng, s, first.uploadedAt + rng.int(1, 20) * HOUR, false, `${first.base}_unit2`);
  second.part = { index: 1, of: 2 };
  return [second];
}

/** A corrected upload a few days after a rejected one. */
export function reupload(rng: Rng, s: Omit<SubmissionPlan, 'files'>, rejected: FilePlan): FilePlan {
  return filePlan(rng, s, rejected.uploadedAt + rng.int(1, 4) * DAY, false, `${rejected.base}_revisi`);
}

/** The same bytes uploaded again two hours later under a name that sorts after the original. */
export function duplicateOf(f: FilePlan): FilePlan {
  return {
    ...f,
    base: `${f.base}_kirim_ulang`,
    uploadedAt: f.uploadedAt + 2 * HOUR,
    expected: 'duplicate',
    copy: true,
  };
}

/** Status the monitoring must report: that of the newest accepted upload, else rejected or missing. */
export function submissionStatus(s: SubmissionPlan, m: Methodology): SubmissionStatus {
  if (s.files.length === 0) return 'missing';
  const accepted = s.files.filter((f) => f.expected === 'accepted');
  const last = accepted[accepted.length - 1];
  if (!last) return 'rejected';
  return last.uploadedAt > deadlineInstant(s.period, m) ? 'late' : 'on_time';
}

/** The files whose rows are current: per unit part, the newest accepted file. */
export function currentFiles(s: SubmissionPlan): Set<FilePlan> {
  const byPart = new Map<string, FilePlan>();
  for (const f of s.files) if (f.expected === 'accepted') byPart.set(`${f.part?.index ?? 'all'}`, f);
  return new Set(byPart.values());
}
