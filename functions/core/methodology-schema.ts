import { z } from 'zod';

// The methodology file's schema, apart from its loader (`methodology.ts`): a file whose bytes are a shipped
// version's, checked by the test suite, is loaded without it, so most commands never load the schema's library.

const share = z.number().min(0).max(1);
const positive = z.number().positive();
const count = z.number().int().nonnegative();

/**
 * The versioned methodology (weights, thresholds, bands, rules): numbers that are design choices live in a
 * file, checked against this schema when loaded. Objects are strict, so a misspelt field is an error, not a
 * silently ignored number. Rules added by v2 are filled with v1's values when a file leaves them out
 * (`V1_RULES` in `methodology.ts`).
 */
export const methodologySchema = z.strictObject({
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
