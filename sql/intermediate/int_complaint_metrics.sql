-- Complaint service levels per unit and per region, one definition for both grains: received, v1 on-time
-- counts, per SLA the met / missed / pending counts at the data cut-off (int_complaints_timed), open at period
-- end, impossible timelines, the exact median of days to completion over the unit's or the region's completed
-- complaints, the v1 shares of all received, per SLA the share met among the due complaints (met + missed;
-- pending complaints leave the denominator), and the complaint score: the index scale x the SLA shares
-- weighted by the methodology, an SLA with no due complaint dropping out and the other weights re-normalised
-- (NULL when no SLA has a due complaint: no measurable complaints). The index uses the region's score.
-- grain: Satu unit layanan (grain = unit) atau satu wilayah (grain = region, unit_id kosong) dengan laporan pada periode | One service unit (grain = unit) or one region (grain = region, unit_id null) with complaints in the period
with timed as (
  select * from int_complaints_timed
),

params as (
  select * from methodology_params
),

-- each completed complaint once per grain: as part of its unit, and as part of its region (unit_id null)
completed as (
  select
    g.grain,
    t.region_code,
    case when g.grain = 'unit' then t.unit_id end as unit_id,
    t.completion_days
  from timed as t
  cross join (values ('unit'), ('region')) as g (grain)
  where t.completed_at is not null and not t.is_impossible_timeline
    -- a complaint without a unit has no unit to take a median for
    and (g.grain = 'region' or t.unit_id is not null)
),

completion_ranked as (
  select
    grain,
    region_code,
    unit_id,
    completion_days,
    row_number() over (partition by grain, region_code, unit_id order by completion_days) as row_no,
    count(*) over (partition by grain, region_code, unit_id) as completed_count
  from completed
),

medians as (
  select grain, region_code, unit_id, avg(completion_days) as median_days_to_completion
  from completion_ranked
  where row_no * 2 between completed_count and completed_count + 2
  group by grain, region_code, unit_id
),

counts as (
  select
    case when grouping(unit_id) = 1 then 'region' else 'unit' end as grain,
    region_code,
    max(period) as period,
    unit_id,
    count(distinct unit_id) as units,
    count(*) as received,
    cast(count_if(is_verified_on_time) as bigint) as verified_on_time,
    cast(count_if(is_followed_up_on_time) as bigint) as followed_up_on_time,
    cast(count_if(is_completed_on_time) as bigint) as completed_on_time,
    cast(count_if(is_completed_by_period_end) as bigint) as completed_by_period_end,
    cast(count_if(is_open_at_period_end) as bigint) as open_at_period_end,
    cast(count_if(is_impossible_timeline) as bigint) as impossible_timelines,
    cast(count_if(verification_outcome = 'met') as bigint) as verification_met,
    cast(count_if(verification_outcome = 'missed') as bigint) as verification_missed,
    cast(count_if(verification_outcome = 'pending') as bigint) as verification_pending,
    cast(count_if(follow_up_outcome = 'met') as bigint) as follow_up_met,
    cast(count_if(follow_up_outcome = 'missed') as bigint) as follow_up_missed,
    cast(count_if(follow_up_outcome = 'pending') as bigint) as follow_up_pending,
    cast(count_if(completion_outcome = 'met') as bigint) as completion_met,
    cast(count_if(completion_outcome = 'missed') as bigint) as completion_missed,
    cast(count_if(completion_outcome = 'pending') as bigint) as completion_pending
  from timed
  group by grouping sets ((region_code, unit_id), (region_code))
),

shares as (
  select
    c.*,
    m.median_days_to_completion,
    cast(c.verified_on_time as double) / c.received as share_verified_on_time,
    cast(c.followed_up_on_time as double) / c.received as share_followed_up_on_time,
    cast(c.completed_on_time as double) / c.received as share_completed_on_time,
    cast(c.verification_met as double) / nullif(c.verification_met + c.verification_missed, 0) as verification_share,
    cast(c.follow_up_met as double) / nullif(c.follow_up_met + c.follow_up_missed, 0) as follow_up_share,
    cast(c.completion_met as double) / nullif(c.completion_met + c.completion_missed, 0) as completion_share
  from counts as c
  -- an equality on every column (a region's unit_id is null on both sides), so the join is a hash join
  left join medians as m
    on m.grain = c.grain and m.region_code = c.region_code and m.unit_id is not distinct from c.unit_id
)

select
  s.*,
  p.index_scale_max * (
    coalesce(p.complaints_weights_verified * s.verification_share, 0)
    + coalesce(p.complaints_weights_followed_up * s.follow_up_share, 0)
    + coalesce(p.complaints_weights_completed * s.completion_share, 0)
  ) / nullif(
    (case when s.verification_share is null then 0 else p.complaints_weights_verified end)
    + (case when s.follow_up_share is null then 0 else p.complaints_weights_followed_up end)
    + (case when s.completion_share is null then 0 else p.complaints_weights_completed end),
    0
  ) as complaint_score
from shares as s
cross join params as p
