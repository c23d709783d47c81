import { STATUS_LABEL, type SubmissionStatusCode } from '#core/contract/names.ts';
import type { SnapshotContent } from './snapshot.ts';

type Row = Record<string, unknown>;
const num = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = new Intl.NumberFormat('id-ID');

/** Counts a snapshot summarises (also in `summary.json`). */
export interface SnapshotSummary {
  period: string;
  ranked: { provinsi: number; kabupaten_kota: number };
  not_ranked: number;
  submission_status: Record<string, number>;
  flags: Record<string, number>;
  top: { provinsi: Row[]; kabupaten_kota: Row[] };
  bottom: { provinsi: Row[]; kabupaten_kota: Row[] };
}

const pick = (r: Row) => ({
  rank_national: r.rank_national,
  region_code: r.region_code,
  region_name: r.region_name,
  index_score: r.index_score,
  category: r.category,
});

function countBy(rows: Row[], key: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r[key])] = (out[String(r[key])] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Top and bottom 10 of each level group, compliance and flag counts. */
export function summarise(period: string, content: SnapshotContent, n = 10): SnapshotSummary {
  const ranked = content.tables.service_index_region.filter((r) => r.ranked === true);
  const byRank = (level: (r: Row) => boolean) =>
    ranked
      .filter(level)
      .sort(
        (a, b) =>
          Number(a.rank_national) - Number(b.rank_national) ||
          String(a.region_code).localeCompare(String(b.region_code)),
      );
  const provinces = byRank((r) => r.level === 'provinsi');
  const kabkota = byRank((r) => r.level !== 'provinsi');
  return {
    period,
    ranked: { provinsi: provinces.length, kabupaten_kota: kabkota.length },
    not_ranked: content.tables.service_index_region.length - ranked.length,
    submission_status: countBy(content.tables.submission_status, 'status'),
    flags: countBy(content.tables.integrity_flags, 'flag'),
    top: { provinsi: provinces.slice(0, n).map(pick), kabupaten_kota: kabkota.slice(0, n).map(pick) },
    bottom: { provinsi: provinces.slice(-n).map(pick), kabupaten_kota: kabkota.slice(-n).map(pick) },
  };
}

/** The summary as text for a terminal or `summary.md` (Bahasa Indonesia, Indonesian number format). */
export function summaryText(s: SnapshotSummary): string {
  const table = (title: string, rows: Row[]) => [
    `  ${title}`,
    ...rows.map(
      (r) =>
        `    ${String(r.rank_national).padStart(3)}. ${String(r.region_name).padEnd(40)} ${num.format(Number(r.index_score))}  ${r.category}`,
    ),
  ];
  return [
    `Periode ${s.period}: ${int.format(s.ranked.provinsi)} provinsi dan ${int.format(s.ranked.kabupaten_kota)} kabupaten/kota diperingkat; ${int.format(s.not_ranked)} wilayah tidak diperingkat.`,
    ...table('10 provinsi teratas', s.top.provinsi),
    ...table('10 provinsi terbawah', s.bottom.provinsi),
    ...table('10 kabupaten/kota teratas', s.top.kabupaten_kota),
    ...table('10 kabupaten/kota terbawah', s.bottom.kabupaten_kota),
    `  Kepatuhan pelaporan (wilayah x dataset): ${Object.entries(s.submission_status)
      .map(([k, v]) => `${(STATUS_LABEL[k as SubmissionStatusCode] ?? k).toLowerCase()} ${int.format(v)}`)
      .join(', ')}`,
    `  Sinyal integritas: ${
      Object.entries(s.flags)
        .map(([k, v]) => `${k} ${int.format(v)}`)
        .join(', ') || 'tidak ada'
    }`,
  ].join('\n');
}
