import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Level of a reporting region. */
export type RegionLevel = 'provinsi' | 'kabupaten' | 'kota';

export interface Region {
  /** Kemendagri code, dotted: `31`, `31.71`. */
  code: string;
  name: string;
  level: RegionLevel;
  /** Province code (the region's own code for a province). */
  province_code: string;
}

/**
 * Region reference: 38 provinces and 514 kabupaten/kota (Kepmendagri 300.2.2-2138/2025), read from the
 * `idn-area-data` package (data ODbL, credited in the README).
 */
function loadRegions(): Region[] {
  const require = createRequire(import.meta.url);
  const rows = (file: string) =>
    readFileSync(require.resolve(`idn-area-data/data/${file}`), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','));
  // title case, keeping the acronym DKI (Daerah Khusus Ibukota) as it is written
  const titleCase = (s: string) =>
    s
      .toLowerCase()
      .replace(/\b\p{L}/gu, (c) => c.toUpperCase())
      .replace(/\bDki\b/, 'DKI');
  const provinces: Region[] = rows('provinces.csv').map(([code, name]) => ({
    code: code!,
    name: titleCase(name!),
    level: 'provinsi',
    province_code: code!,
  }));
  const regencies: Region[] = rows('regencies.csv').map(([code, province, name]) => ({
    code: code!,
    name: titleCase(name!),
    level: Number(code!.slice(3)) >= 71 ? 'kota' : 'kabupaten',
    province_code: province!,
  }));
  return [...provinces, ...regencies];
}

/** All 552 reporting regions, provinces first, in code order. */
export const REGIONS: readonly Region[] = loadRegions();
const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

/**
 * Canonical dotted code of a region code as uploaders write it (`3171`, `31.71`, ` 31 `), or `undefined`
 * when it is not a valid Kemendagri code of a reporting region.
 */
export function canonicalRegionCode(input: string): string | undefined {
  const s = input.trim();
  const m = /^(\d{2})(?:\.?(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const code = m[2] ? `${m[1]}.${m[2]}` : m[1]!;
  return BY_CODE.has(code) ? code : undefined;
}

export function region(code: string): Region | undefined {
  return BY_CODE.get(code);
}
