import type { Methodology } from '#core/methodology.ts';
import { fileKinds } from './coverage.ts';
import type { Emitted } from './emit.ts';
import {
  type ExpectedStatus,
  fileName,
  type SubmissionPlan,
  type SubmissionStatus,
  submissionStatus,
} from './plan.ts';

export interface SubmissionKey {
  period: string;
  region_code: string;
  dataset: string;
}
export interface IntegrityTruth {
  period: string;
  region_code: string;
  unit_id: string;
  flag: string;
}
/** The completion SLA of one unit's complaints at the data cut-off (methodology rules 1–2; calendar days). */
export interface CompletionTruth {
  period: string;
  region_code: string;
  unit_id: string;
  met: number;
  missed: number;
  pending: number;
}
export interface FileTruth {
  file: string;
  region_code: string;
  dataset: string;
  period: string;
  expected_status: ExpectedStatus;
  uploaded_at: string;
  bytes: number;
  rows: number;
  invalid_rows: number;
  mess: string[];
}

/**
 * `ground-truth.json`: what monitoring, ingest and integrity detection must find. Region codes are
 * canonical (dotted); file paths are relative to the output folder. `integrity_excluded` lists unit-periods
 * (and the dataset) whose flags are not determined exactly because the unit's rows include invalid probes.
 */
export interface GroundTruth {
  seed: number;
  scale: string;
  periods: string[];
  missing: SubmissionKey[];
  late: SubmissionKey[];
  rejected: SubmissionKey[];
  malformed: { file: string; expected_status: ExpectedStatus }[];
  integrity: IntegrityTruth[];
  /** Per unit with complaints in the current accepted file: completion met / missed / pending. */
  complaint_completion: CompletionTruth[];
  integrity_excluded: (Omit<IntegrityTruth, 'flag'> & { dataset: string })[];
  submissions: (SubmissionKey & { status: SubmissionStatus })[];
  files: FileTruth[];
}

/** The lists of a truth, filled region by region. */
const LISTS = [
  'missing',
  'late',
  'rejected',
  'malformed',
  'integrity',
  'complaint_completion',
  'integrity_excluded',
  'submissions',
  'files',
] as const;

const cmp = (a: object, b: object) =>
  JSON.stringify(Object.values(a)) < JSON.stringify(Object.values(b)) ? -1 : 1;

/** Collects the truth while the tree is written; `result()` sorts every list. */
export class TruthBuilder {
  readonly t: GroundTruth;
  constructor(seed: number, scale: string, periods: string[]) {
    this.t = {
      seed,
      scale,
      periods,
      missing: [],
      late: [],
      rejected: [],
      malformed: [],
      integrity: [],
      complaint_completion: [],
      integrity_excluded: [],
      submissions: [],
      files: [],
    };
  }

  submission(s: SubmissionPlan, m: Methodology, emitted: readonly Emitted[]): void {
    const key = { period: s.period.id, region_code: s.region.code, dataset: s.dataset };
    s.files.forEach((f, i) => {
      const e = emitted[i]!;
      const file = {
        file: e.file,
        region_code: s.region.code,
        dataset: s.dataset,
        period: s.period.id,
        expected_status: f.expected,
      };
      this.t.files.push({
        ...file,
        uploaded_at: new Date(f.uploadedAt).toISOString(),
        bytes: e.bytes,
        rows: e.rows,
        invalid_rows: e.invalidRows,
        mess: fileKinds(s, f),
      });
      if (f.malformed) this.t.malformed.push({ file: e.file, expected_status: f.expected });
      if (!e.file.endsWith(fileName(f))) throw new Error(`bug: ${e.file}`);
    });
    if (s.dataset === 'units') return;
    const status = submissionStatus(s, m);
    this.t.submissions.push({ ...key, status });
    if (status === 'missing') this.t.missing.push(key);
    if (status === 'late') this.t.late.push(key);
    if (status === 'rejected') this.t.rejected.push(key);
  }

  flag(period: string, region_code: string, unit_id: string, flag: string): void {
    this.t.integrity.push({ period, region_code, unit_id, flag });
  }

  completion(c: CompletionTruth): void {
    this.t.complaint_completion.push(c);
  }

  exclude(period: string, region_code: string, unit_id: string, dataset: string): void {
    this.t.integrity_excluded.push({ period, region_code, unit_id, dataset });
  }

  /** Add the lists of another builder's truth (a share of the regions written by another thread). */
  merge(part: GroundTruth): void {
    for (const key of LISTS) (this.t[key] as object[]).push(...part[key]);
  }

  result(): GroundTruth {
    for (const list of [
      this.t.missing,
      this.t.late,
      this.t.rejected,
      this.t.integrity,
      this.t.complaint_completion,
      this.t.integrity_excluded,
      this.t.submissions,
    ]) {
      (list as object[]).sort(cmp);
    }
    this.t.files.sort((a, b) => (a.file < b.file ? -1 : 1));
    this.t.malformed.sort((a, b) => (a.file < b.file ? -1 : 1));
    return this.t;
  }
}
