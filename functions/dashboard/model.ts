import type { Packed } from './pack.ts';

/**
 * The data embedded in one period's dashboard page: one JSON object, built from marts, the ledger and the
 * ranking snapshot, read by the client (`dashboards/app`). Numbers are plain (formatted in the page),
 * missing values `null`.
 */
export interface DashboardData {
  /** The period shown, `YYYY-Qn`. */
  period: string;
  /** Every period the dashboard has a page for (the selector), oldest first. */
  available: string[];
  /** Periods of the trend axis: those with a service index up to `period`, oldest first. */
  periods: string[];
  generated_at: string;
  /** Upload time (WIB, `YYYY-MM-DD HH:MM`) of the newest accepted submission of the period. */
  cutoff: string | null;
  /** The period was evaluated with a provisional holiday calendar (its year has no SKB yet). */
  calendar_provisional: boolean;
  snapshot: SnapshotInfo | null;
  methodology: MethodologyInfo;
  regions: Packed<RegionRow>;
  /** Index score per region code, aligned with `periods` (`null` where not ranked or absent). */
  history: Record<string, (number | null)[]>;
  units: Record<string, UnitList>;
  compliance: Packed<ComplianceRow>;
  flags: FlagData;
}

/** The methodology in force for the period: its version, its file (for the methodology page), its bands. */
export interface MethodologyInfo {
  version: string;
  /** The methodology file as loaded (`methodology/{version}.json`). */
  file: Record<string, unknown>;
  /** Category bands, best first. */
  bands: { category: string; label: string; min: number; max: number }[];
  /** `docs/methodology.md` (formulas, sources, status of each rule) as escaped HTML; `null` if absent. */
  document: string | null;
}

/** The ranking snapshot of the period (`published/rankings/{period}/{run_id}/manifest.json`). */
export interface SnapshotInfo {
  period: string;
  run_id: string;
  methodology_version: string;
  content_hash: string | null;
  created_at: string | null;
  /** The evaluation used a provisional holiday calendar (no SKB for the year yet). */
  calendar_provisional: boolean;
  /** The snapshot's files, as paths relative to the dashboard folder. */
  downloads: { name: string; href: string }[];
}

/** SLA counts behind the complaint score: met, missed, pending (`null` where the methodology has none). */
export type Sla = 'verification' | 'follow_up' | 'completion';

/** One region of `service_index_region` for the period, with its IKM, complaint and FKP figures. */
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
  /** Comma-separated components without data (`ikm,complaint,fkp` or dataset ids), or `null`. */
  missing_components: string | null;
  /** Why the score is what it is (methodology v2), or `null`. */
  score_reason: string | null;
  respondents: number | null;
  ikm_konversi: number | null;
  mutu: string | null;
  complaints_received: number | null;
  verification_met: number | null;
  verification_missed: number | null;
  verification_pending: number | null;
  verification_share: number | null;
  follow_up_met: number | null;
  follow_up_missed: number | null;
  follow_up_pending: number | null;
  follow_up_share: number | null;
  completion_met: number | null;
  completion_missed: number | null;
  completion_pending: number | null;
  completion_share: number | null;
  fkp_forums: number | null;
  fkp_coverage_share: number | null;
  fkp_stakeholder_groups: number | null;
  fkp_rtl_completion_rate: number | null;
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
