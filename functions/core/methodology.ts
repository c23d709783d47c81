import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The versioned methodology (weights, thresholds, bands): numbers that are design choices live here. */
export interface Methodology {
  version: string;
  description: string;
  ikm: {
    /** `exact` = 1/9 per unsur; `printed` = the regulation's 0,111. */
    weight_rule: 'exact' | 'printed';
    printed_weight: number;
    konversi_factor: number;
    grades: { min: number; max: number; mutu: string; kinerja: string }[];
    /** v2 rule 7: no IKM (and `skm_incomplete_unsur`) when some unsur has no answer at all. */
    require_all_unsur: boolean;
  };
  complaints: {
    verify_working_days: number;
    follow_up_working_days: number;
    complete_days: number;
    weights: { verified: number; followed_up: number; completed: number };
    /** v2 rule 1: no event yet and window still open at the data cut-off = pending, out of the denominator. */
    censor_at_cutoff: boolean;
    /** v2 rule 1: the follow-up SLA counts verified complaints only. */
    follow_up_verified_only: boolean;
    /** v2 rule 2: `diarsipkan` and `bukan_wewenang` count in the verification SLA only. */
    admin_closed_verification_only: boolean;
  };
  fkp: {
    weights: { coverage: number; stakeholders: number; rtl: number };
    stakeholder_groups: number;
    /** v2 rule 5: `year_to_date` = forums from 1 January to the period's end; v1 `quarter`. */
    scope: 'quarter' | 'year_to_date';
  };
  index: {
    weights: { ikm: number; complaint: number; fkp: number };
    ikm_divisor: number;
    bands: { min: number; max: number; category: string; label: string }[];
    /** v2 rule 4: `zero` = a missing component scores 0; v1 `spread` = its weight goes to the others. */
    missing_component: 'spread' | 'zero';
  };
  ranking: { min_respondents: number };
  submission: {
    deadline_days_after_quarter: number;
    timezone_offset_hours: number;
    max_invalid_share: number;
  };
  integrity: Record<string, Record<string, number | string | boolean>>;
  calendar: {
    /** v2 rule 9: holidays on the same date every year (`MM-DD`), added where a year's SKB is absent. */
    fixed_holidays: { month_day: string; name: string }[];
  };
}

/** The methodology versions shipped in `methodology/`; the first is the default. */
export const METHODOLOGY_VERSIONS = ['v2', 'v1'] as const;
export type MethodologyVersion = (typeof METHODOLOGY_VERSIONS)[number];

/** The file of a shipped methodology version. */
export const methodologyFile = (version: MethodologyVersion): URL =>
  new URL(`../../methodology/${version}.json`, import.meta.url);

/**
 * The rules a file written before v2 leaves out, with the values that reproduce v1 exactly. The file's own
 * bytes stay as published (its hash is in every v1 snapshot); these defaults are applied on load.
 */
const V1_RULES = {
  ikm: { require_all_unsur: false },
  complaints: {
    censor_at_cutoff: false,
    follow_up_verified_only: false,
    admin_closed_verification_only: false,
  },
  fkp: { scope: 'quarter' },
  index: { missing_component: 'spread' },
  integrity: {
    skm_undersampled: { users: 'annual', rounding: 'up' },
    complaint_impossible_timeline: { orderings: false },
  },
  calendar: { fixed_holidays: [] },
};

/** `base` overlaid with `over`, objects merged key by key (arrays and scalars replaced). */
function overlay(base: unknown, over: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = overlay(base[k], v);
  return out;
}

/** `v1`/`v2` name a shipped file; anything else is a path. */
function resolveFile(file: string | URL): string | URL {
  return (METHODOLOGY_VERSIONS as readonly string[]).includes(String(file))
    ? methodologyFile(file as MethodologyVersion)
    : file;
}

/**
 * The methodology in force and the sha256 of its file's bytes (recorded in every ranking snapshot).
 * `file` is a path or a shipped version (`v1`, `v2`); default `PANTAU_METHODOLOGY`, else v2.
 */
export function loadMethodology(file: string | URL = process.env.PANTAU_METHODOLOGY ?? 'v2'): {
  methodology: Methodology;
  hash: string;
} {
  const bytes = readFileSync(resolveFile(file));
  return {
    methodology: overlay(V1_RULES, JSON.parse(bytes.toString('utf8'))) as Methodology,
    hash: createHash('sha256').update(bytes).digest('hex'),
  };
}
