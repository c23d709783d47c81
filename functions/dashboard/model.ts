import type { Packed } from './pack.ts';

/**
 * The data embedded in the dashboard page: one JSON object, built from marts and the ranking snapshot,
 * read by the client (`dashboards/app`). Numbers are plain (formatted in the page), missing values `null`.
 */
export interface DashboardData {
  /** The period shown, `YYYY-Qn`. */
  period: string;
  /** Every period with `service_index_region` up to `period`, oldest first. */
  periods: string[];
  generated_at: string;
  snapshot: SnapshotInfo | null;
  /** Version of the methodology in force when the page was built (the snapshot records its own). */
  methodology_version: string;
  /** Category bands of the methodology in force, best first. */
  bands: { category: string; label: string; min: number; max: number }[];
  regions: Packed<RegionRow>;
  /** Index score per region code, aligned with `periods` (`null` where not ranked or absent). */
  history: Record<string, (number | null)[]>;
  units: Record<string, UnitList>;
  compliance: Packed<ComplianceRow>;
  flags: FlagData;
}

/** The ranking snapshot manifest (`published/rankings/{period}/{run_id}/manifest.json`). */
export interface SnapshotInfo {
  period: string;
  run_id: string;
  methodology_version: string;
  methodology_hash: string | null;
  inputs_hash: string | null;
  content_hash: string | null;
  created_at: string | null;
}

/** One row of `service_index_region` for the period, with a few mart extras when present. */
export interface RegionRow {
  code: string;
  name: string;
  level: 'provinsi' | 'kabupaten' | 'kota';
  province_code: string;
  index_score: number | null;
  ikm_score: number | null;
  complaint_score: number | null;
  fkp_score: number | null;
  category: string | null;
  category_label: string | null;
  rank_national: number | null;
  rank_in_province: number | null;
  rank_change: number | null;
  ranked: boolean;
  not_ranked_reason: string | null;
  respondents: number | null;
  ikm_konversi: number | null;
  mutu: string | null;
  complaints_received: number | null;
  fkp_forums: number | null;
}

/** Units of one region: the lowest-IKM ones first, capped; `total` and `mutu` count all its units. */
export interface UnitList {
  total: number;
  /** Number of units per mutu grade (A–D). */
  mutu: Record<string, number>;
  /** `[unit_id, unit_name, respondents, ikm_konversi, mutu]` */
  rows: [string, string, number | null, number | null, string | null][];
}

/** Submission status of one region and dataset (`submission_status`). */
export interface ComplianceRow {
  region_code: string;
  dataset: string;
  status: string;
  submitted_at: string | null;
  deadline: string | null;
  accepted_rows: number | null;
  rejected_rows: number | null;
}

/** Integrity flags: exact counts over all flags, and the flag rows themselves (capped). */
export interface FlagData {
  total: number;
  by_flag: { flag: string; dataset: string; severity: string; count: number; regions: number }[];
  rows: Packed<FlagRow>;
}

export interface FlagRow {
  region_code: string;
  unit_id: string | null;
  dataset: string;
  flag: string;
  severity: string;
  metric: number | null;
  threshold: number | null;
  detail: string | null;
}
