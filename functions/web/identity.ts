import { canonicalRegionCode } from '#core/regions.ts';

/** What a signed-in user is: a regional officer (one region) or ministry staff (all regions). */
export type Role = 'officer' | 'ministry';

/** The caller, as the identity provider says (local session or Cognito token), never as the request says. */
export interface Identity {
  email: string;
  role: Role;
  /** Canonical region code of an officer; null for ministry staff. */
  region_code: string | null;
}

/** An error the API answers with: an HTTP status and a message in Bahasa Indonesia. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const NOT_SIGNED_IN = 'Anda belum masuk. Silakan masuk terlebih dahulu.';
const NOT_YOURS = 'Akses ditolak: data ini milik wilayah lain.';

/** The caller, or 401 when nobody is signed in. */
export function requireIdentity(who: Identity | undefined): Identity {
  if (!who) throw new HttpError(401, NOT_SIGNED_IN);
  return who;
}

/**
 * The one authorisation decision of the web application: may `who` read or write data of `region`
 * (a region code as stored, or null when the data names no valid region)? Ministry staff: every region.
 * An officer: only the region of their identity. Throws 401 or 403; returns the caller otherwise.
 */
export function authorise(who: Identity | undefined, region: string | null | undefined): Identity {
  const caller = requireIdentity(who);
  if (caller.role === 'ministry') return caller;
  if (caller.region_code !== null && region != null && region === caller.region_code) return caller;
  throw new HttpError(403, NOT_YOURS);
}

/**
 * The national dashboard covers every region: ministry staff only (401, 403 otherwise). The one decision for
 * both runtimes — the local API serving its files and the AWS route handing out its signed cookies.
 */
export function authoriseNational(who: Identity | undefined): Identity {
  return authorise(who, null);
}

/**
 * The regions a query may cover: an officer's own region (a `requested` region must be that one, else 403);
 * for ministry staff the requested region, or `'all'` when none is asked for.
 */
export function regionScope(who: Identity | undefined, requested?: string | null): string | 'all' {
  const caller = requireIdentity(who);
  const wanted = requested == null || requested === '' ? undefined : canonicalRegionCode(requested);
  if (requested != null && requested !== '' && wanted === undefined) {
    if (caller.role === 'officer') throw new HttpError(403, NOT_YOURS);
    throw new HttpError(400, `Kode wilayah "${requested.slice(0, 40)}" tidak dikenal.`);
  }
  if (caller.role === 'ministry') return wanted ?? 'all';
  return authorise(caller, wanted ?? caller.region_code).region_code!;
}

/** Only officers upload, and only for their own region. */
export function uploaderRegion(who: Identity | undefined): string {
  const caller = requireIdentity(who);
  if (caller.role !== 'officer' || caller.region_code === null)
    throw new HttpError(403, 'Hanya petugas wilayah yang dapat mengunggah data wilayahnya.');
  return caller.region_code;
}

/** The Cognito group names. */
export const GROUPS = { officer: 'officers', ministry: 'ministry' } as const;
/** The Cognito custom attribute holding an officer's region (writable by administrators only). */
export const REGION_CLAIM = 'custom:region';

/** `cognito:groups` as API Gateway passes it: an array, or a string like `[officers ministry]`. */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * The identity in a Cognito ID token's claims (verified by the API Gateway JWT authorizer): ministry group,
 * or officers group with a valid region attribute. A token without either is an officer of no region, who
 * may read nothing (403); no claims at all is nobody (401).
 */
export function identityFromClaims(claims: Record<string, unknown> | undefined): Identity | undefined {
  if (!claims) return undefined;
  const email = typeof claims.email === 'string' ? claims.email : String(claims.sub ?? '');
  const groups = groupsOf(claims['cognito:groups']);
  if (groups.includes(GROUPS.ministry)) return { email, role: 'ministry', region_code: null };
  const region =
    typeof claims[REGION_CLAIM] === 'string' ? canonicalRegionCode(claims[REGION_CLAIM]) : undefined;
  const own = groups.includes(GROUPS.officer) && region ? region : null;
  return { email, role: 'officer', region_code: own };
}
