import type { Region } from '#core/regions.ts';
import type { Rng } from './random.ts';
import type { Scale } from './scale.ts';
import { PLACES, UNIT_TYPES, type UnitType } from './unit-types.ts';

/** One generated service unit with its hidden traits (never written to any file). */
export interface Unit {
  id: string;
  name: string;
  type: UnitType;
  /** `annual_service_users`: the Krejcie–Morgan population. */
  annualUsers: number;
  /** Latent service quality on the 1–4 SKM scale. */
  quality: number;
  /** Per-unsur offsets of quality (some units are good at U4 Biaya, weak at U3 Waktu…). */
  offsets: readonly number[];
  /** Complaint handling quality, 0 (slow, often unfinished) … 1 (prompt). */
  handling: number;
  /** Probability of holding a forum in a quarter. */
  forumRate: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function regionLabel(region: Region): string {
  return region.level === 'provinsi' ? `Provinsi ${region.name}` : region.name;
}

/** The unit types of a region in registry order: fixed agencies first, then Puskesmas/Kecamatan/Samsat. */
function unitTypes(rng: Rng, region: Region, scale: Scale): UnitType[] {
  const size = Math.exp(rng.normal(0, 0.35));
  const base = scale.unitsPerRegion * (region.level === 'provinsi' ? 0.8 : 1) * size;
  const n = Math.max(4, Math.round(base));
  const here = UNIT_TYPES.filter((t) => t.levels.includes(region.level));
  const once = here.filter((t) => t.repeat === 'once');
  const many = here.filter((t) => t.repeat === 'many');
  const out = once.slice(0, n);
  for (let i = 0; out.length < n; i++) out.push(many[i % many.length]!);
  return out;
}

/** The service units of one region (the same every period). */
export function regionUnits(rng: Rng, region: Region, scale: Scale): Unit[] {
  const places = rng.shuffle(PLACES);
  const seq = new Map<string, number>();
  return unitTypes(rng, region, scale).map((type, i) => {
    const k = (seq.get(type.code) ?? 0) + 1;
    seq.set(type.code, k);
    const place = `${places[i % places.length]}${i >= places.length ? ` ${Math.floor(i / places.length) + 1}` : ''}`;
    const quality = clamp(rng.normal(3.1, 0.28), 2.3, 3.6);
    return {
      id: `${type.code}-${String(k).padStart(2, '0')}`,
      name: type.name
        .replace('{region}', regionLabel(region))
        .replace(
          '{place}',
          type.repeat === 'once' ? regionLabel(region).replace(/^(Kabupaten|Kota|Provinsi) /, '') : place,
        ),
      type,
      annualUsers: Math.max(20, Math.round(scale.usersMedian * type.users * Math.exp(rng.normal(0, 0.7)))),
      quality,
      offsets: Array.from({ length: 9 }, () => rng.normal(0, 0.18)),
      handling: clamp(0.35 * (quality - 2.3) + rng.normal(0.35, 0.2), 0, 1),
      forumRate: clamp(rng.normal(0.45, 0.2), 0.1, 0.9),
    };
  });
}
