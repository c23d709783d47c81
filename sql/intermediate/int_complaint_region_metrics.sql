-- Complaint service levels per region: the units' counts summed, the exact median of days to completion
-- over the region's complaints, per SLA the share met among the due complaints (met + missed; pending
-- complaints leave the denominator), and the complaint score: the index scale x the SLA shares weighted by
-- the methodology, an SLA with no due complaint dropping out and the other weights re-normalised (NULL when
-- no SLA has a due complaint: no measurable complaints).
-- grain: Satu wilayah dengan laporan pada periode | One region with complaints in the period
with timed as (
  select * from int_complaints_timed
),

units as (
  select * from int_complaint_unit_metrics
),

params as (
  select * from methodology_params
),

completion_ranked as (
  select
    region_code,
    completion_days,
    row_number() over (partition by region_code order by completion_days) as row_no,
    count(*) over (partition by region_code) as completed_count
  from timed
  where completed_at is not null and not is_impossible_timeline
),

medians as (
  select region_code, avg(completion_days) as median_days_to_completion
  from completion_ranked
  where row_no * 2 between completed_count and completed_count + 2
  group by region_code
),

counts as (
  select
    region_code,
    max(period) as period,
    count(unit_id) as units,
    cast(sum(received) as bigint) as received,
    cast(sum(verified_on_time) as bigint) as verified_on_time,
    cast(sum(followed_up_on_time) as bigint) as followed_up_on_time,
    cast(sum(completed_on_time) as bigint) as completed_on_time,
    cast(sum(completed_by_period_end) as bigint) as completed_by_period_end,
    cast(sum(open_at_period_end) as bigint) as open_at_period_end,
    cast(sum(impossible_timelines) as bigint) as impossible_timelines,
    cast(sum(verification_met) as bigint) as verification_met,
    cast(sum(verification_missed) as bigint) as verification_missed,
    cast(sum(verification_pending) as bigint) as verification_pending,
    cast(sum(follow_up_met) as bigint) as follow_up_met,
    cast(sum(follow_up_missed) as bigint) as follow_up_missed,
    cast(sum(follow_up_pending) as bigint) as follow_up_pending,
    cast(sum(completion_met) as bigint) as completion_met,
    cast(sum(completion_missed) as bigint) as completion_missed,
    cast(sum(completion_pending) as bigint) as completion_pending
  from units
  group by region_code
),

shares as (
  select
    c.*,
    cast(c.verification_met as double) / nullif(c.verification_met + c.verification_missed, 0) as verification_share,
    cast(c.follow_up_met as double) / nullif(c.follow_up_met + c.follow_up_missed, 0) as follow_up_share,
    cast(c.completion_met as double) / nullif(c.completion_met + c.completion_missed, 0) as completion_share
  from counts as c
)

select
  s.*,
  m.median_days_to_completion,
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
left join medians as m on m.region_code = s.region_code
