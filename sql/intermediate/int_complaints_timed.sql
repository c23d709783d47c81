-- Each complaint of the period with its service-level timings on the working-day calendar and, per SLA, its
-- outcome at the data cut-off (methodology v2 rule 1): met (the event happened inside the window), missed
-- (it happened after, or has not happened and the window closed before the cut-off) or pending (no event,
-- window still open; only when the methodology censors at the cut-off). The cut-off is the WIB upload time of
-- the submission that supplied the row. Windows: verification in working days from receipt, follow-up in
-- working days from verification, completion in calendar days from receipt (numbers in the methodology).
-- A working-day window's last day is the day before the next working day after its last working day (an
-- event on that Saturday still has the same working-day count). A row carries what later models read (the
-- unit, the completion and its days, the outcomes and flags), not the complaint's other columns: the
-- model is a table, and its id alone costs a tenth of the model to read and store.
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

cutoffs as (
  select s.submission_id, max(date_add('hour', cast(p.submission_timezone_offset_hours as bigint), s.uploaded_at)) as cutoff_at
  from submissions as s
  join run_period as r on r.period = s.period
  cross join params as p
  where s.dataset = 'complaints'
  group by s.submission_id
),

dated as (
  select
    c.*,
    k.cutoff_at,
    cast(c.received_at as date) as received_date,
    cast(c.verified_at as date) as verified_date,
    cast(c.followed_up_at as date) as followed_up_date,
    cast(c.completed_at as date) as completed_date,
    cast(k.cutoff_at as date) as cutoff_date,
    c.status in ('diarsipkan', 'bukan_wewenang') as is_admin_closed
  from complaints as c
  left join cutoffs as k on k.submission_id = c.submission_id
),

timed as (
  select
    d.*,
    vc.working_day_index - rc.working_day_index as verify_working_days,
    fc.working_day_index - vc.working_day_index as follow_up_working_days,
    date_diff('day', d.received_date, d.completed_date) as completion_days,
    kc.working_day_index - rc.working_day_index as cutoff_working_days_since_receipt,
    kc.working_day_index - vc.working_day_index as cutoff_working_days_since_verification,
    date_diff('day', d.received_date, d.cutoff_date) as cutoff_days_since_receipt
  from dated as d
  left join cal as rc on rc.calendar_date = d.received_date
  left join cal as vc on vc.calendar_date = d.verified_date
  left join cal as fc on fc.calendar_date = d.followed_up_date
  left join cal as kc on kc.calendar_date = d.cutoff_date
),

judged as (
  select
    t.*,
    (
      t.verified_at < t.received_at or t.followed_up_at < t.received_at or t.completed_at < t.received_at
      or (p.integrity_complaint_impossible_timeline_orderings and (
        t.followed_up_at < t.verified_at
        or t.completed_at < t.followed_up_at
        or (t.status = 'selesai' and t.completed_at is null)
      ))
    ) as is_impossible_timeline_raw,
    coalesce(t.verified_at >= t.received_at and t.verify_working_days <= p.complaints_verify_working_days, false)
      as is_verified_on_time,
    coalesce(
      t.followed_up_at >= t.verified_at and t.follow_up_working_days <= p.complaints_follow_up_working_days, false
    ) as is_followed_up_on_time,
    coalesce(t.completed_at >= t.received_at and t.completion_days <= p.complaints_complete_days, false)
      as is_completed_on_time,
    -- a window with no event is open at the cut-off while the cut-off's date is not past its last day
    p.complaints_censor_at_cutoff and coalesce(t.cutoff_working_days_since_receipt <= p.complaints_verify_working_days, false)
      as is_verify_window_open,
    p.complaints_censor_at_cutoff and coalesce(t.cutoff_working_days_since_verification <= p.complaints_follow_up_working_days, false)
      as is_follow_up_window_open,
    p.complaints_censor_at_cutoff and coalesce(t.cutoff_days_since_receipt <= p.complaints_complete_days, false)
      as is_complete_window_open,
    not p.complaints_follow_up_verified_only or t.verified_at is not null as is_in_follow_up_sla,
    not (p.complaints_admin_closed_verification_only and t.is_admin_closed) as is_in_later_slas
  from timed as t
  cross join params as p
)

select
  j.region_code,
  j.period,
  j.unit_id,
  j.completed_at,
  j.completion_days,
  coalesce(j.is_impossible_timeline_raw, false) as is_impossible_timeline,
  j.is_verified_on_time,
  j.is_followed_up_on_time,
  j.is_completed_on_time,
  case
    when j.is_verified_on_time then 'met'
    when j.verified_at is null and j.is_verify_window_open then 'pending'
    else 'missed'
  end as verification_outcome,
  case
    when not (j.is_in_follow_up_sla and j.is_in_later_slas) then cast(null as varchar)
    when j.is_followed_up_on_time then 'met'
    when j.followed_up_at is null and j.is_follow_up_window_open then 'pending'
    else 'missed'
  end as follow_up_outcome,
  case
    when not j.is_in_later_slas then cast(null as varchar)
    when j.is_completed_on_time then 'met'
    when j.completed_at is null and j.is_complete_window_open then 'pending'
    else 'missed'
  end as completion_outcome,
  coalesce(j.completed_at >= j.received_at and j.completed_date <= b.period_end, false) as is_completed_by_period_end,
  (
    (j.completed_at is null or j.completed_date > b.period_end)
    and not j.is_admin_closed
  ) as is_open_at_period_end
from judged as j
cross join period_bounds as b
