import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const share = z.number().min(0).max(1);
const positive = z.number().positive();
const count = z.number().int().nonnegative();

/**
 * The versioned methodology (weights, thresholds, bands): numbers that are design choices live in a file,
 * checked against this schema when loaded. Objects are strict, so a misspelt field is an error, not a
 * silently ignored number.
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
  }),
  complaints: z.strictObject({
    verify_working_days: count,
    follow_up_working_days: count,
    complete_days: count,
    weights: z.strictObject({ verified: share, followed_up: share, completed: share }),
  }),
  fkp: z.strictObject({
    weights: z.strictObject({ coverage: share, stakeholders: share, rtl: share }),
    stakeholder_groups: count,
  }),
  index: z.strictObject({
    weights: z.strictObject({ ikm: share, complaint: share, fkp: share }),
    ikm_divisor: positive,
    bands: z
      .array(z.strictObject({ min: z.number(), max: z.number(), category: z.string(), label: z.string() }))
      .min(1),
  }),
  ranking: z.strictObject({ min_respondents: count }),
  submission: z.strictObject({
    deadline_days_after_quarter: count,
    timezone_offset_hours: z.number(),
    max_invalid_share: share,
    /** Officers whose region has not submitted are e-mailed this many days before the deadline. */
    reminder_days_before: count,
  }),
  integrity: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string()]))),
});

/** The methodology: the shape of a methodology file (`methodology/v1.json`). */
export type Methodology = z.infer<typeof methodologySchema>;

/** A methodology file that cannot be used: what is wrong, where, and what to do (Bahasa Indonesia). */
export class MethodologyError extends Error {
  override name = 'MethodologyError';
}

const DEFAULT_FILE = new URL('../../methodology/v1.json', import.meta.url);

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
  const parsed = methodologySchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 10)
    .map((i) => `${i.path.join('.') || '(akar)'}: ${i.message}`);
  throw new MethodologyError(
    `Berkas metodologi ${file} tidak sah — ${problems.join('; ')}. Perbaiki kolom tersebut (lihat methodology/v1.json sebagai contoh).`,
  );
}

/**
 * The methodology in force and the sha256 of its file's bytes (recorded in every ranking snapshot).
 * Throws {@link MethodologyError} when the file does not match the schema.
 */
export function loadMethodology(file: string | URL = process.env.PANTAU_METHODOLOGY ?? DEFAULT_FILE): {
  methodology: Methodology;
  hash: string;
} {
  const bytes = readFileSync(file);
  const name = file instanceof URL ? fileURLToPath(file) : file;
  return {
    methodology: parseMethodology(bytes.toString('utf8'), name),
    hash: createHash('sha256').update(bytes).digest('hex'),
  };
}
