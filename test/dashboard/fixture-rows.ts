import { loadMethodology } from '#core/methodology.ts';
import { REGIONS, type Region } from '#core/regions.ts';

/** A string that would run script if any page escaped it wrongly. */
export const HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>';

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BANDS = loadMethodology().methodology.index.bands;
const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;
const bandOf = (score: number) => BANDS.find((b) => round(score, 2) <= b.max) ?? BANDS.at(-1)!;

export type Row = Record<string, string | number | boolean | null>;

/** Competition ranking (1, 2, 2, 4) of `rows` by score, descending, written to `key`. */
function rank(rows: Row[], key: string): void {
  const sorted = [...rows].sort((a, b) => (b.index_score as number) - (a.index_score as number));
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    r[key] = prev && prev.index_score === r.index_score ? prev[key]! : i + 1;
  });
}

/** One period of `service_index_region` for all 552 regions; `quality` keeps regions alike across periods. */
export function indexRows(period: string, seed: number, previous?: Row[]): Row[] {
  const rnd = random(seed);
  const quality = random(7);
  const rows = REGIONS.map((r: Region, i): Row => {
    const q = quality();
    const respondents = i % 19 === 5 ? 40 + Math.floor(rnd() * 50) : 100 + Math.floor(rnd() * 900);
    const noSkm = r.code === '91.01';
    const ikm = noSkm ? null : round(3.2 + q * 1.6 + (rnd() - 0.5) * 0.2);
    const complaint = round(Math.min(5, 0.5 + q * 4 + rnd()));
    const fkp = round(Math.min(5, 0.2 + q * 3.5 + rnd() * 1.3));
    const index = ikm === null ? null : round(0.5 * ikm + 0.3 * complaint + 0.2 * fkp);
    const ranked = index !== null && respondents >= 100;
    const band = index === null ? undefined : bandOf(index);
    return {
      period,
      region_code: r.code,
      region_name: r.name,
      level: r.level,
      province_code: r.province_code,
      ikm_score: ikm,
      complaint_score: complaint,
      fkp_score: fkp,
      index_score: index,
      category: ranked ? band!.category : null,
      category_label: ranked ? band!.label : null,
      ranked,
      not_ranked_reason: ranked ? null : noSkm ? 'no_skm' : 'insufficient_respondents',
      respondents: noSkm ? 0 : respondents,
      ikm_konversi: ikm === null ? null : round(ikm * 20, 2),
      mutu: ikm === null ? null : ikm * 20 > 88.3 ? 'A' : ikm * 20 > 76.6 ? 'B' : 'C',
    };
  });
  const ranked = rows.filter((r) => r.ranked);
  rank(
    ranked.filter((r) => r.level === 'provinsi'),
    'rank_national',
  );
  rank(
    ranked.filter((r) => r.level !== 'provinsi'),
    'rank_national',
  );
  for (const p of REGIONS.filter((r) => r.level === 'provinsi')) {
    rank(
      ranked.filter((r) => r.level !== 'provinsi' && r.province_code === p.code),
      'rank_in_province',
    );
  }
  const before = new Map(previous?.map((r) => [r.region_code, r.rank_national]));
  for (const r of rows) {
    r.rank_national ??= null;
    r.rank_in_province ??= null;
    const old = before.get(r.region_code);
    r.rank_change = r.ranked && typeof old === 'number' ? old - (r.rank_national as number) : null;
  }
  return rows;
}
