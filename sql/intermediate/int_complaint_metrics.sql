-- Complaint service levels per unit and per region: counts on time, open at period end, exact median of
-- days to completion, and the complaint score of the methodology (0 to the index scale).
-- grain: Satu unit (grain = unit) atau satu wilayah (grain = region) per periode | One unit or one region per period
with timed as (
  select * from int_complaints_timed
),

params as (
  select * from methodology_params
),

fanned as (
  select
    t.*,
    g.grain,
    case when g.grain = 'unit' then t.unit_id end as grain_unit_id
  from timed as t
  cross join (values ('unit'), ('region')) as g (grain)
),

completion_ranked as (
  select
    region_code,
    grain,
    grain_unit_id,
    completion_days,
    row_number() over (partition by region_code, grain, grain_unit_id order by completion_days) as rn,
    count(*) over (partition by region_code, grain, grain_unit_id) as n
  from fanned
  where completed_at is not null and not is_impossible_timeline
),

medians as (
  select region_code, grain, grain_unit_id, avg(completion_days) as median_days_to_completion
  from completion_ranked
  where rn * 2 between n and n + 2
  group by region_code, grain, grain_unit_id
),

counts as (
  select
    region_code,
    max(period) as period,
    grain,
    grain_unit_id as unit_id,
    count(distinct unit_id) as units,
    count(*) as received,
    cast(count_if(is_verified_on_time) as bigint) as verified_on_time,
    cast(count_if(is_followed_up_on_time) as bigint) as followed_up_on_time,
    cast(count_if(is_completed_on_time) as bigint) as completed_on_time,
    cast(count_if(is_completed_by_period_end) as bigint) as completed_by_period_end,
    cast(count_if(is_open_at_period_end) as bigint) as open_at_period_end,
    cast(count_if(is_impossible_timeline) as bigint) as impossible_timelines
  from fanned
  group by region_code, grain, grain_unit_id
),

shares as (
  select
    c.*,
    cast(c.verified_on_time as double) / c.received as share_verified_on_time,
    cast(c.followed_up_on_time as double) / c.received as share_followed_up_on_time,
    cast(c.completed_on_time as double) / c.received as share_completed_on_time
  from counts as c
)

select
  s.region_code,
  s.period,
  s.grain,
  s.unit_id,
  s.units,
  s.received,
  s.verified_on_time,
  s.followed_up_on_time,
  s.completed_on_time,
  s.completed_by_period_end,
  s.open_at_period_end,
  s.impossible_timelines,
  m.median_days_to_completion,
  s.share_verified_on_time,
  s.share_followed_up_on_time,
  s.share_completed_on_time,
  p.index_scale_max * (
    p.complaints_weights_verified * s.share_verified_on_time
    + p.complaints_weights_followed_up * s.share_followed_up_on_time
    + p.complaints_weights_completed * s.share_completed_on_time
  ) as complaint_score
from shares as s
cross join params as p
left join medians as m
  on m.region_code = s.region_code and m.grain = s.grain
  and (m.grain_unit_id = s.unit_id or (m.grain_unit_id is null and s.unit_id is null))
