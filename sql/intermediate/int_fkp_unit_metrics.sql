-- FKP activity per unit over the methodology's FKP scope (the period, or the year to date): forums, mean
-- stakeholder groups present, RTL planned and done, minutes and ceremonial forums.
-- grain: Satu unit layanan yang menyelenggarakan forum dalam cakupan FKP | One service unit holding a forum in the FKP scope
with forums as (
  select * from int_fkp_forums_classified
),

-- the evaluated period names every row, also when the scope reaches back to earlier quarters of the year
evaluated as (
  select period from run_period
),

activity as (
  select
    f.region_code,
    e.period,
    f.unit_id,
    count(*) as forums,
    avg(stakeholder_groups) as mean_stakeholder_groups,
    cast(sum(rtl_planned) as bigint) as rtl_planned,
    cast(sum(rtl_done) as bigint) as rtl_done,
    cast(count_if(is_berita_acara) as double) / count(*) as berita_acara_share,
    cast(count_if(is_ceremonial) as bigint) as ceremonial_forums
  from forums as f
  cross join evaluated as e
  group by f.region_code, f.unit_id, e.period
)

select
  a.*,
  case
    when a.rtl_planned = 0 then cast(null as double)
    when a.rtl_done >= a.rtl_planned then 1.0
    else cast(a.rtl_done as double) / a.rtl_planned
  end as rtl_completion_rate
from activity as a
