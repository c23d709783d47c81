-- FKP activity per region over the methodology's FKP scope (the period, or the year to date): coverage of
-- the region's known units, mean stakeholder groups, RTL completion, and the FKP score of the methodology
-- (index scale x (coverage, stakeholder and RTL terms, weighted)).
-- grain: Satu wilayah dengan forum dalam cakupan FKP | One region with forums in the FKP scope
with forums as (
  select * from int_fkp_forums_classified
),

-- the evaluated period names every row, also when the scope reaches back to earlier quarters of the year
evaluated as (
  select period from run_period
),

known_units as (
  select region_code, count(*) as units_known from int_region_units group by region_code
),

params as (
  select * from methodology_params
),

activity as (
  select
    f.region_code,
    e.period,
    count(*) as forums,
    count(distinct unit_id) as units_with_forum,
    avg(stakeholder_groups) as mean_stakeholder_groups,
    cast(sum(rtl_planned) as bigint) as rtl_planned,
    cast(sum(rtl_done) as bigint) as rtl_done,
    cast(count_if(is_berita_acara) as double) / count(*) as berita_acara_share,
    cast(count_if(is_ceremonial) as bigint) as ceremonial_forums
  from forums as f
  cross join evaluated as e
  group by f.region_code, e.period
),

rated as (
  select
    a.*,
    k.units_known,
    cast(a.units_with_forum as double) / k.units_known as coverage_share,
    case
      when a.rtl_planned = 0 then cast(null as double)
      when a.rtl_done >= a.rtl_planned then 1.0
      else cast(a.rtl_done as double) / a.rtl_planned
    end as rtl_completion_rate
  from activity as a
  left join known_units as k on k.region_code = a.region_code
)

select
  r.*,
  p.index_scale_max * (
    p.fkp_weights_coverage * r.coverage_share
    + p.fkp_weights_stakeholders * (r.mean_stakeholder_groups / p.fkp_stakeholder_groups)
    + p.fkp_weights_rtl * coalesce(r.rtl_completion_rate, 0)
  ) as fkp_score
from rated as r
cross join params as p
