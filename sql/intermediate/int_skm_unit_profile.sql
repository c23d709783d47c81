-- Per unit, everything later models take from its SKM questionnaires, in one scan and one sort: the
-- respondents; per unsur the sum of the scores and the number of respondents who answered it (the NRR's
-- numerator and denominator, which add up to the region: int_ikm_scored); and the patterns of self-filled
-- surveys (docs/methodology.md): straight-lined questionnaires (all nine answers equal), all-maximum
-- questionnaires, duplicate questionnaires (same answers, profile and submission time) and the shortest time
-- in which burst-count questionnaires arrived. Each unit's questionnaires are read in submission-time order,
-- ties broken by answers and profile, so that copies sit next to each other and each run of burst-count
-- questionnaires is a fixed number of rows long.
-- grain: Satu unit layanan yang menerima kuesioner SKM pada periode | One unit with SKM questionnaires in the period
with params as (
  select * from methodology_params
),

ordered as (
  select
    r.region_code,
    r.period,
    r.unit_id,
    r.unit_name,
    r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9,
    (
      r.u1 is not null and r.u2 is not null and r.u3 is not null and r.u4 is not null and r.u5 is not null
      and r.u6 is not null and r.u7 is not null and r.u8 is not null and r.u9 is not null
    ) as is_complete,
    r.u1 = r.u2 and r.u1 = r.u3 and r.u1 = r.u4 and r.u1 = r.u5 and r.u1 = r.u6 and r.u1 = r.u7
      and r.u1 = r.u8 and r.u1 = r.u9 as is_straight,
    r.u1 = 4 and r.u2 = 4 and r.u3 = 4 and r.u4 = 4 and r.u5 = 4 and r.u6 = 4 and r.u7 = 4 and r.u8 = 4
      and r.u9 = 4 as is_all_max,
    -- a copy: the same submission time, answers and profile as the questionnaire just before it
    r.submitted_at is not null
      and lag(row(r.submitted_at, r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9, r.gender, r.age, r.education, r.occupation))
        over (
          partition by r.region_code, r.unit_id
          order by
            r.submitted_at, r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9,
            r.gender, r.age, r.education, r.occupation
        )
      is not distinct from
      row(r.submitted_at, r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9, r.gender, r.age, r.education, r.occupation)
      as is_copy,
    -- the time taken by the run of burst-count questionnaires starting here (rows without a time give none)
    date_diff(
      'second', r.submitted_at,
      lead(r.submitted_at, cast(p.integrity_skm_burst_count as bigint) - 1) over (
        partition by r.region_code, r.unit_id
        order by
          r.submitted_at, r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9,
          r.gender, r.age, r.education, r.occupation
      )
    ) as span_seconds
  from stg_skm_responses as r
  cross join params as p
)

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
  count_if(is_complete and is_straight) as straightlined,
  count_if(is_complete and is_all_max) as all_max,
  count_if(is_copy) as duplicate_responses,
  min(span_seconds) as shortest_burst_seconds
from ordered
group by region_code, unit_id
