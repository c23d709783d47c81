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
  };
  complaints: {
    verify_working_days: number;
    follow_up_working_days: number;
    complete_days: number;
    weights: { verified: number; followed_up: number; completed: number };
  };
  fkp: { weights: { coverage: number; stakeholders: number; rtl: number }; stakeholder_groups: number };
  index: {
    weights: { ikm: number; complaint: number; fkp: number };
    ikm_divisor: number;
    bands: { min: number; max: number; category: string; label: string }[];
  };
  ranking: { min_respondents: number };
  submission: {
    deadline_days_after_quarter: number;
    timezone_offset_hours: number;
    max_invalid_share: number;
    /** Officers whose region has not submitted are e-mailed this many days before the deadline. */
    reminder_days_before: number;
  };
  integrity: Record<string, Record<string, number | string>>;
}

const DEFAULT_FILE = new URL('../../methodology/v1.json', import.meta.url);

/** The methodology in force and the sha256 of its file's bytes (recorded in every ranking snapshot). */
export function loadMethodology(file: string | URL = process.env.PANTAU_METHODOLOGY ?? DEFAULT_FILE): {
  methodology: Methodology;
  hash: string;
} {
  const bytes = readFileSync(file);
  return {
    methodology: JSON.parse(bytes.toString('utf8')) as Methodology,
    hash: createHash('sha256').update(bytes).digest('hex'),
  };
}
