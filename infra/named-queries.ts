/** A saved Athena query for analysts; `?` are parameters Athena asks for (year, quarter). */
export interface NamedQuerySpec {
  id: string;
  name: string;
  description: string;
  sql: string;
}

/**
 * The analysts' common questions, on marts and the ledger only (small tables, partition-pruned by
 * year/quarter). Written in Trino SQL; test/infra checks each parses with the Trino grammar.
 */
export const ANALYST_QUERIES: readonly NamedQuerySpec[] = [
  {
    id: 'ranking',
    name: 'Peringkat indeks pelayanan (periode)',
    description: 'Service index ranking of one period, by level group. Parameters: year, quarter.',
    sql: `select s.level, s.rank_national, s.region_code, s.region_name, s.index_score, s.category,
  s.ikm_score, s.complaint_score, s.fkp_score, s.rank_change, s.ranked, s.not_ranked_reason
from service_index_region as s
where s.year = ? and s.quarter = ?
order by s.level, s.rank_national nulls last, s.region_code`,
  },
  {
    id: 'missing',
    name: 'Wilayah terlambat, belum mengirim, atau ditolak (periode)',
    description:
      'Submission monitoring: regions whose dataset is late, missing or rejected. Parameters: year, quarter.',
    sql: `select m.region_code, m.dataset, m.status, m.submitted_at, m.deadline
from submission_status as m
where m.year = ? and m.quarter = ? and m.status <> 'on_time'
order by m.status, m.region_code, m.dataset`,
  },
  {
    id: 'integrity',
    name: 'Sinyal integritas data (periode)',
    description:
      'Integrity flags (straight-lining, bursts, ceremonial forums, impossible timelines). Parameters: year, quarter.',
    sql: `select f.severity, f.flag, f.region_code, f.unit_id, f.dataset, f.metric, f.threshold, f.detail
from integrity_flags as f
where f.year = ? and f.quarter = ?
order by f.severity, f.flag, f.region_code`,
  },
  {
    id: 'rejections',
    name: 'Pengiriman ditolak terbaru',
    description: 'The latest rejected submissions with their reasons (ledger).',
    sql: `select s.processed_at, s.region_code, s.dataset, s.period, s.source_key, s.rows_read, s.rows_rejected, s.errors
from submissions as s
where s.status = 'rejected'
order by s.processed_at desc
limit 200`,
  },
  {
    id: 'ikm',
    name: 'IKM per wilayah (periode)',
    description:
      'Community satisfaction index per region, pooled over respondents. Parameters: year, quarter.',
    sql: `select i.region_code, i.units, i.respondents, i.ikm_konversi, i.mutu
from ikm_region as i
where i.year = ? and i.quarter = ?
order by i.ikm_konversi desc`,
  },
];
