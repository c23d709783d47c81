-- Each complaint of the period with its service-level timings on the working-day calendar:
-- verification (working days from receipt), follow-up (working days from verification, when the unit
-- receives the complaint), completion (calendar days from receipt), open at period end.
-- grain: Satu laporan SP4N-LAPOR! pada periode yang dibangun | One complaint of the period being built
with complaints as (
  select * from stg_complaints
),

cal as (
  select calendar_date, working_day_index from calendar
),

params as (
  select * from methodology_params
),

period_bounds as (
  select period_end from run_period
),

dated as (
  select
    c.*,
    cast(c.received_at as date) as received_date,
    cast(c.verified_at as date) as verified_date,
    cast(c.followed_up_at as date) as followed_up_date,
    cast(c.completed_at as date) as completed_date
  from complaints as c
),

timed as (
  select
    d.*,
    vc.working_day_index - rc.working_day_index as verify_working_days,
    fc.working_day_index - vc.working_day_index as follow_up_working_days,
    date_diff('day', d.received_date, d.completed_date) as completion_days,
    (d.verified_at < d.received_at or d.followed_up_at < d.received_at or d.completed_at < d.received_at)
      as is_impossible_timeline
  from dated as d
  left join cal as rc on rc.calendar_date = d.received_date
  left join cal as vc on vc.calendar_date = d.verified_date
  left join cal as fc on fc.calendar_date = d.followed_up_date
)

select
  t.region_code,
  t.period,
  t.complaint_id,
  t.unit_id,
  t.received_at,
  t.verified_at,
  t.followed_up_at,
  t.completed_at,
  t.status,
  t.classification,
  t.verify_working_days,
  t.follow_up_working_days,
  t.completion_days,
  coalesce(t.is_impossible_timeline, false) as is_impossible_timeline,
  coalesce(t.verified_at >= t.received_at and t.verify_working_days <= p.complaints_verify_working_days, false)
    as is_verified_on_time,
  coalesce(
    t.followed_up_at >= t.verified_at and t.follow_up_working_days <= p.complaints_follow_up_working_days, false
  ) as is_followed_up_on_time,
  coalesce(t.completed_at >= t.received_at and t.completion_days <= p.complaints_complete_days, false)
    as is_completed_on_time,
  coalesce(t.completed_at >= t.received_at and t.completed_date <= b.period_end, false) as is_completed_by_period_end,
  (
    (t.completed_at is null or t.completed_date > b.period_end)
    and t.status not in ('bukan_wewenang', 'diarsipkan')
  ) as is_open_at_period_end
from timed as t
cross join params as p
cross join period_bounds as b
