import type { Duck } from '#core/duckdb.ts';
import type { DashboardMart } from './declared.ts';
import type { RegionRow } from './model.ts';

/** Periods of trend charts kept in the page. */
const MAX_PERIODS = 8;

const SLAS = [
  ['verification', 'verified_on_time', 'share_verified_on_time'],
  ['follow_up', 'followed_up_on_time', 'share_followed_up_on_time'],
  ['completion', 'completed_on_time', 'share_completed_on_time'],
] as const;

/**
 * The met/missed/pending counts behind each complaint SLA. Methodology v2 marts declare them
 * (`verification_met` …); v1 marts count on-time events over all received complaints (no pending).
 */
function slaColumns(complaint: Set<string>): string {
  return SLAS.flatMap(([sla, onTime, share]) =>
    complaint.has(`${sla}_met`)
      ? ['met', 'missed', 'pending', 'share'].map(
          (k) => `CAST(c.${sla}_${k} AS ${k === 'share' ? 'DOUBLE' : 'INTEGER'}) AS ${sla}_${k}`,
        )
      : [
          `CAST(c.${onTime} AS INTEGER) AS ${sla}_met`,
          `CAST(c.received - c.${onTime} AS INTEGER) AS ${sla}_missed`,
          `CAST(NULL AS INTEGER) AS ${sla}_pending`,
          `CAST(c.${share} AS DOUBLE) AS ${sla}_share`,
        ],
  ).join(',\n  ');
}

/** A declared column of `service_index_region`, or NULL when this methodology's mart has none. */
const optional = (columns: Set<string>, name: string) =>
  columns.has(name) ? `s.${name}` : `CAST(NULL AS VARCHAR) AS ${name}`;

/** Every region of the period's service index, joined with its IKM, complaint and FKP region marts. */
export async function regionRows(
  duck: Duck,
  period: string,
  declared: Record<DashboardMart, Set<string>>,
): Promise<RegionRow[]> {
  const index = declared.service_index_region;
  return duck.rows<RegionRow>(
    `SELECT s.region_code AS code, s.region_name AS name, s.level, s.province_code,
  CAST(s.index_score AS DOUBLE) AS index_score, CAST(s.ikm_score AS DOUBLE) AS ikm_score,
  CAST(s.complaint_score AS DOUBLE) AS complaint_score, CAST(s.fkp_score AS DOUBLE) AS fkp_score,
  s.category, s.category_label,
  CAST(s.rank_national AS INTEGER) AS rank_national, CAST(s.rank_in_province AS INTEGER) AS rank_in_province,
  CAST(s.rank_change AS INTEGER) AS rank_change, coalesce(s.ranked, false) AS ranked, s.not_ranked_reason,
  ${optional(index, 'missing_components')}, ${optional(index, 'score_reason')},
  CAST(s.respondents AS INTEGER) AS respondents,
  CAST(i.ikm_konversi AS DOUBLE) AS ikm_konversi, i.mutu,
  CAST(c.received AS INTEGER) AS complaints_received,
  ${slaColumns(declared.complaint_region)},
  CAST(f.forums AS INTEGER) AS fkp_forums, CAST(f.coverage_share AS DOUBLE) AS fkp_coverage_share,
  CAST(f.mean_stakeholder_groups AS DOUBLE) AS fkp_stakeholder_groups,
  CAST(f.rtl_completion_rate AS DOUBLE) AS fkp_rtl_completion_rate
FROM service_index_region AS s
LEFT JOIN ikm_region AS i ON i.period = s.period AND i.region_code = s.region_code
LEFT JOIN complaint_region AS c ON c.period = s.period AND c.region_code = s.region_code
LEFT JOIN fkp_region AS f ON f.period = s.period AND f.region_code = s.region_code
WHERE s.period = $1
ORDER BY s.region_code`,
    [period],
  );
}

/** Every period with a service index, oldest first. */
export async function indexPeriods(duck: Duck): Promise<string[]> {
  const rows = await duck.rows<{ period: string }>(
    'SELECT DISTINCT period FROM service_index_region ORDER BY period',
  );
  return rows.map((r) => r.period);
}

/** The trend axis of a period's page: the last MAX_PERIODS periods up to it. */
export const trendPeriods = (all: string[], period: string): string[] =>
  all.filter((p) => p <= period).slice(-MAX_PERIODS);

/** Index score per region over `periods` (aligned), `null` where the region was not ranked. */
export async function indexHistory(
  duck: Duck,
  periods: string[],
): Promise<Record<string, (number | null)[]>> {
  const history: Record<string, (number | null)[]> = {};
  if (periods.length === 0) return history;
  const rows = await duck.rows<{ code: string; period: string; score: number | null }>(
    `SELECT region_code AS code, period, CASE WHEN ranked THEN CAST(index_score AS DOUBLE) END AS score
     FROM service_index_region WHERE period BETWEEN $1 AND $2`,
    [periods[0]!, periods.at(-1)!],
  );
  for (const r of rows) {
    const at = periods.indexOf(r.period);
    if (at < 0) continue;
    history[r.code] ??= periods.map(() => null);
    history[r.code]![at] = r.score;
  }
  return history;
}
