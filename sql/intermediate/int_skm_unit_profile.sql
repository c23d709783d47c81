-- Per unit, everything later models take from its SKM questionnaires: the respondents; per unsur the sum of
-- the scores and the number of respondents who answered it (the NRR's numerator and denominator, which add
-- up to the region: int_ikm_scored); and the patterns of self-filled surveys (docs/methodology.md):
-- straight-lined questionnaires (all nine answers equal), all-maximum questionnaires, duplicate
-- questionnaires (same answers, profile and submission time: each beyond the first of a set of identical
-- ones) and the shortest time in which burst-count questionnaires arrived.
-- Three reads of the unit's questionnaires, none sorted on more than the submission time: the counts and sums
-- (a plain aggregate); each unit's submission times in order, for the span of every run of burst-count
-- consecutive questionnaires and for the times at which two of its questionnaires arrived together; and,
-- only for questionnaires submitted at one of those times, the copies, grouped on every compared column
-- (a copy always shares its time with another questionnaire of its unit, so none is missed).
-- grain: Satu unit layanan yang menerima kuesioner SKM pada periode | One unit with SKM questionnaires in the period
with params as (
  select * from methodology_params
),

units as (
  select
    region_code,
    max(period) as period,
    unit_id,
    max(unit_name) as unit_name,
    count(*) as responses,
    cast(sum(u1) as bigint) as score_sum_u1,
    cast(sum(u2) as bigint) as score_sum_u2,
    cast(sum(u3) as bigint) as score_sum_u3,
    cast(sum(u4) as bigint) as score_sum_u4,
    cast(sum(u5) as bigint) as score_sum_u5,
    cast(sum(u6) as bigint) as score_sum_u6,
    cast(sum(u7) as bigint) as score_sum_u7,
    cast(sum(u8) as bigint) as score_sum_u8,
    cast(sum(u9) as bigint) as score_sum_u9,
    count(u1) as answered_u1,
    count(u2) as answered_u2,
    count(u3) as answered_u3,
    count(u4) as answered_u4,
    count(u5) as answered_u5,
    count(u6) as answered_u6,
    count(u7) as answered_u7,
    count(u8) as answered_u8,
    count(u9) as answered_u9,
    -- straight-lined: all nine answered and equal; all-maximum: all nine answered 4 (a sum over a case, which
    -- stops at the first unequal answer, costs less than count_if over the whole conjunction)
    cast(sum(case
      when u1 = u2 and u1 = u3 and u1 = u4 and u1 = u5 and u1 = u6 and u1 = u7 and u1 = u8 and u1 = u9 then 1 else 0
    end) as bigint) as straightlined,
    cast(sum(case
      when u1 = 4 and u2 = 4 and u3 = 4 and u4 = 4 and u5 = 4 and u6 = 4 and u7 = 4 and u8 = 4 and u9 = 4 then 1 else 0
    end) as bigint) as all_max
  from stg_skm_responses
  group by region_code, unit_id
),

-- each questionnaire with a submission time, in time order within its unit
timed as (
  select
    r.region_code,
    r.unit_id,
    r.submitted_at,
    -- the time taken by the run of burst-count questionnaires starting here (questionnaires with the same time
    -- may come in any order: the times of the run, and so its span, are the same)
    date_diff(
      'second', r.submitted_at,
      lead(r.submitted_at, cast(p.integrity_skm_burst_count as bigint) - 1) over (
        partition by r.region_code, r.unit_id order by r.submitted_at
      )
    ) as span_seconds,
    -- the questionnaire before it arrived at the same time
    lag(r.submitted_at) over (partition by r.region_code, r.unit_id order by r.submitted_at)
      = r.submitted_at as shares_time
  from stg_skm_responses as r
  cross join params as p
  where r.submitted_at is not null
),

unit_times as (
  select
    region_code,
    unit_id,
    min(span_seconds) as shortest_burst_seconds,
    array_agg(submitted_at) filter (where shares_time) as shared_times
  from timed
  group by region_code, unit_id
),

-- the times at which two questionnaires of one unit arrived together
shared_times as (
  select distinct t.submitted_at
  from unit_times as u
  cross join unnest(u.shared_times) as t (submitted_at)
),

-- identical questionnaires: the same unit, submission time, answers and profile (nulls equal); the
-- questionnaires of other units at those times make groups of one, which count no copy
identical as (
  select region_code, unit_id, count(*) as copies
  from stg_skm_responses
  where submitted_at in (select submitted_at from shared_times)
  group by
    region_code, unit_id, submitted_at, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation
),

copies as (
  select region_code, unit_id, cast(sum(copies - 1) as bigint) as duplicate_responses
  from identical
  group by region_code, unit_id
)

select
  u.region_code,
  u.period,
  u.unit_id,
  u.unit_name,
  u.responses,
  u.score_sum_u1,
  u.score_sum_u2,
  u.score_sum_u3,
  u.score_sum_u4,
  u.score_sum_u5,
  u.score_sum_u6,
  u.score_sum_u7,
  u.score_sum_u8,
  u.score_sum_u9,
  u.answered_u1,
  u.answered_u2,
  u.answered_u3,
  u.answered_u4,
  u.answered_u5,
  u.answered_u6,
  u.answered_u7,
  u.answered_u8,
  u.answered_u9,
  u.straightlined,
  u.all_max,
  coalesce(c.duplicate_responses, 0) as duplicate_responses,
  b.shortest_burst_seconds
from units as u
left join copies as c on u.region_code = c.region_code and u.unit_id = c.unit_id
left join unit_times as b on u.region_code = b.region_code and u.unit_id = b.unit_id
