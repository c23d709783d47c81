-- FKP activity per unit and per region in one pass (grouping sets); region rows add coverage of the known
-- units and the FKP score of the methodology (0 to the index scale).
-- grain: Satu unit (grain = unit) atau satu wilayah (grain = region) per periode | One unit or one region per period
with forums as (
  select * from int_fkp_forums_classified
),

known_units as (
  select region_code, count(*) as units_known from int_region_units group by region_code
),

params as (
  select * from methodology_params
),

activity as (
  select
    region_code,
    max(period) as period,
    case when grouping(unit_id) = 1 then 'region' else 'unit' end as grain,
    unit_id,
    count(*) as forums,
    count(distinct unit_id) as units_with_forum,
    avg(stakeholder_groups) as mean_stakeholder_groups,
    cast(sum(rtl_planned) as bigint) as rtl_planned,
    cast(sum(rtl_done) as bigint) as rtl_done,
    cast(count_if(is_berita_acara) as double) / count(*) as berita_acara_share,
    cast(count_if(is_ceremonial) as bigint) as ceremonial_forums
  from forums
  group by grouping sets ((region_code, unit_id), (region_code))
),

rated as (
  select
    a.*,
    case
      when a.rtl_planned = 0 then cast(null as double)
      when a.rtl_done >= a.rtl_planned then 1.0
      else cast(a.rtl_done as double) / a.rtl_planned
    end as rtl_completion_rate,
    case when a.grain = 'region' then k.units_known end as units_known
  from activity as a
  left join known_units as k on k.region_code = a.region_code
)

select
  r.region_code,
  r.period,
  r.grain,
  r.unit_id,
  r.forums,
  r.units_with_forum,
  r.units_known,
  cast(r.units_with_forum as double) / r.units_known as coverage_share,
  r.mean_stakeholder_groups,
  r.rtl_planned,
  r.rtl_done,
  r.rtl_completion_rate,
  r.berita_acara_share,
  r.ceremonial_forums,
  case when r.grain = 'region' then
    p.index_scale_max * (
      p.fkp_weights_coverage * (cast(r.units_with_forum as double) / r.units_known)
      + p.fkp_weights_stakeholders * (r.mean_stakeholder_groups / p.fkp_stakeholder_groups)
      + p.fkp_weights_rtl * coalesce(r.rtl_completion_rate, 0)
    )
  end as fkp_score
from rated as r
cross join params as p
