-- Complaint service levels per unit: received, v1 on-time counts, per SLA the met / missed / pending counts
-- at the data cut-off (int_complaints_timed), open at period end, impossible timelines, and the exact median
-- of days to completion, and per SLA the share met among the due complaints (met + missed). Counts add up to the region (int_complaint_region_metrics).
-- grain: Satu unit layanan dengan laporan pada periode | One service unit with complaints in the period
with timed as (
  select * from int_complaints_timed
),

completion_ranked as (
  select
    region_code,
    unit_id,
    completion_days,
    row_number() over (partition by region_code, unit_id order by completion_days) as row_no,
    count(*) over (partition by region_code, unit_id) as completed_count
  from timed
  where completed_at is not null and not is_impossible_timeline
),

medians as (
  select region_code, unit_id, avg(completion_days) as median_days_to_completion
  from completion_ranked
  where row_no * 2 between completed_count and completed_count + 2
  group by region_code, unit_id
),

counts as (
  select
    region_code,
    max(period) as period,
    unit_id,
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
  group by region_code, unit_id
)

select
  c.*,
  m.median_days_to_completion,
  cast(c.verification_met as double) / nullif(c.verification_met + c.verification_missed, 0) as verification_share,
  cast(c.follow_up_met as double) / nullif(c.follow_up_met + c.follow_up_missed, 0) as follow_up_share,
  cast(c.completion_met as double) / nullif(c.completion_met + c.completion_missed, 0) as completion_share
from counts as c
left join medians as m on m.region_code = c.region_code and m.unit_id = c.unit_id
