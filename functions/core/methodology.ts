import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Methodology } from './methodology-schema.ts';
import { isMethodologyVersion, methodologyFile, SHIPPED_HASHES } from './methodology-versions.ts';

export type { Methodology };

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
export async function parseMethodology(text: string, file: string): Promise<Methodology> {
  const { methodologySchema } = await import('./methodology-schema.ts');
  const parsed = methodologySchema.safeParse(withV1Rules(parseJson(text, file)));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 10)
    .map((i) => `${i.path.join('.') || '(akar)'}: ${i.message}`);
  throw new MethodologyError(
    `Berkas metodologi ${file} tidak sah — ${problems.join('; ')}. Perbaiki kolom tersebut (lihat methodology/v2.json sebagai contoh).`,
  );
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MethodologyError(
      `Berkas metodologi ${file} bukan JSON yang sah (${(e as Error).message}). Perbaiki berkasnya.`,
    );
  }
}

/** `v1`/`v2` name a shipped file; anything else is a path. */
function resolveFile(file: string | URL): string | URL {
  return typeof file === 'string' && isMethodologyVersion(file) ? methodologyFile(file) : file;
}

/**
 * The methodology in force and the sha256 of its file's bytes (recorded in every ranking snapshot).
 * `file` is a path or a shipped version (`v1`, `v2`); default `PANTAU_METHODOLOGY`, else v2.
 * Throws {@link MethodologyError} when the file does not match the schema. Bytes that are a shipped
 * version's ({@link SHIPPED_HASHES}, checked against the schema by the test suite) are not checked again:
 * the schema's library then stays unloaded (~0.1 s of a command's start).
 */
export async function loadMethodology(file: string | URL = process.env.PANTAU_METHODOLOGY ?? 'v2'): Promise<{
  methodology: Methodology;
  hash: string;
}> {
  const resolved = resolveFile(file);
  const bytes = readFileSync(resolved);
  const name = resolved instanceof URL ? fileURLToPath(resolved) : resolved;
  const hash = createHash('sha256').update(bytes).digest('hex');
  const text = bytes.toString('utf8');
  const shipped = (Object.values(SHIPPED_HASHES) as string[]).includes(hash);
  return {
    methodology: shipped
      ? (withV1Rules(parseJson(text, name)) as Methodology)
      : await parseMethodology(text, name),
    hash,
  };
}
