import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { METHODOLOGY_VERSIONS, type MethodologyVersion, methodologyFile } from './methodology-versions.ts';

const share = z.number().min(0).max(1);
const positive = z.number().positive();
const count = z.number().int().nonnegative();

/**
 * The versioned methodology (weights, thresholds, bands, rules): numbers that are design choices live in a
 * file, checked against this schema when loaded. Objects are strict, so a misspelt field is an error, not a
 * silently ignored number. Rules added by v2 are filled with v1's values when a file leaves them out
 * ({@link V1_RULES}).
 */
const methodologySchema = z.strictObject({
  version: z.string().min(1),
  description: z.string(),
  ikm: z.strictObject({
    /** `exact` = 1/9 per unsur; `printed` = the regulation's 0,111. */
    weight_rule: z.enum(['exact', 'printed']),
    printed_weight: positive,
    konversi_factor: positive,
    grades: z
      .array(z.strictObject({ min: z.number(), max: z.number(), mutu: z.string(), kinerja: z.string() }))
      .min(1),
    /** v2 rule 7: no IKM (and `skm_incomplete_unsur`) when some unsur has no answer at all. */
    require_all_unsur: z.boolean(),
  }),
  complaints: z.strictObject({
    verify_working_days: count,
    follow_up_working_days: count,
    complete_days: count,
    weights: z.strictObject({ verified: share, followed_up: share, completed: share }),
    /** v2 rule 1: no event yet and window still open at the data cut-off = pending, out of the denominator. */
    censor_at_cutoff: z.boolean(),
    /** v2 rule 1: the follow-up SLA counts verified complaints only. */
    follow_up_verified_only: z.boolean(),
    /** v2 rule 2: `diarsipkan` and `bukan_wewenang` count in the verification SLA only. */
    admin_closed_verification_only: z.boolean(),
  }),
  fkp: z.strictObject({
    weights: z.strictObject({ coverage: share, stakeholders: share, rtl: share }),
    stakeholder_groups: count,
    /** v2 rule 5: `year_to_date` = forums from 1 January to the period's end; v1 `quarter`. */
    scope: z.enum(['quarter', 'year_to_date']),
  }),
  index: z.strictObject({
    weights: z.strictObject({ ikm: share, complaint: share, fkp: share }),
    ikm_divisor: positive,
    bands: z
      .array(z.strictObject({ min: z.number(), max: z.number(), category: z.string(), label: z.string() }))
      .min(1),
    /** v2 rule 4: `zero` = a missing component scores 0; v1 `spread` = its weight goes to the others. */
    missing_component: z.enum(['spread', 'zero']),
  }),
  ranking: z.strictObject({ min_respondents: count }),
  submission: z.strictObject({
    deadline_days_after_quarter: count,
    timezone_offset_hours: z.number(),
    max_invalid_share: share,
    /** Officers whose region has not submitted are e-mailed this many days before the deadline. */
    reminder_days_before: count,
  }),
  integrity: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]))),
  calendar: z.strictObject({
    /** v2 rule 9: holidays on the same date every year (`MM-DD`), added where a year's SKB is absent. */
    fixed_holidays: z.array(
      z.strictObject({ month_day: z.string().regex(/^\d{2}-\d{2}$/), name: z.string() }),
    ),
  }),
});

/** The methodology: the shape of a methodology file (`methodology/v2.json`). */
export type Methodology = z.infer<typeof methodologySchema>;

/** A methodology file that cannot be used: what is wrong, where, and what to do (Bahasa Indonesia). */
export class MethodologyError extends Error {
  override name = 'MethodologyError';
}

/**
 * The rules a file written before v2 leaves out, with the values that reproduce v1 exactly (and the reminder
 * lead time, added with the web application). The file's own bytes stay as published (their hash is in every
 * v1 snapshot); these defaults are applied on load.
 */
const V1_RULES = {
  submission: { reminder_days_before: 7 },
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

/**
 * The file's sections with {@link V1_RULES} filled in where left out. A section the file lacks stays absent
 * (the schema names it), except `calendar`, which files before v2 never had.
 */
function withV1Rules(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const file = json as Record<string, unknown>;
  const out: Record<string, unknown> = { ...file };
  for (const [section, rules] of Object.entries(V1_RULES))
    if (section in file || section === 'calendar') out[section] = overlay(rules, file[section]);
  return out;
}

/** Parse and check a methodology file's text; the error names every bad field by its path. */
export function parseMethodology(text: string, file: string): Methodology {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new MethodologyError(
      `Berkas metodologi ${file} bukan JSON yang sah (${(e as Error).message}). Perbaiki berkasnya.`,
    );
  }
  const parsed = methodologySchema.safeParse(withV1Rules(json));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 10)
    .map((i) => `${i.path.join('.') || '(akar)'}: ${i.message}`);
  throw new MethodologyError(
    `Berkas metodologi ${file} tidak sah — ${problems.join('; ')}. Perbaiki kolom tersebut (lihat methodology/v2.json sebagai contoh).`,
  );
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
 * Throws {@link MethodologyError} when the file does not match the schema.
 */
export function loadMethodology(file: string | URL = process.env.PANTAU_METHODOLOGY ?? 'v2'): {
  methodology: Methodology;
  hash: string;
} {
  const resolved = resolveFile(file);
  const bytes = readFileSync(resolved);
  const name = resolved instanceof URL ? fileURLToPath(resolved) : resolved;
  return {
    methodology: parseMethodology(bytes.toString('utf8'), name),
    hash: createHash('sha256').update(bytes).digest('hex'),
  };
}
