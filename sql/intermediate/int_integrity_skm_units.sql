-- Per unit, the SKM patterns of self-filled surveys (domain.md "Integrity signals"): straight-lined
-- questionnaires (all nine answers equal), all-maximum questionnaires, duplicate questionnaires (same
-- answers, profile and submission time) and the shortest time in which burst-count questionnaires arrived.
-- grain: Satu unit layanan yang menerima kuesioner SKM pada periode | One unit with SKM questionnaires in the period
with responses as (
  select * from stg_skm_responses
),

params as (
  select * from methodology_params
),

answered as (
  select
    r.*,
    (
      r.u1 is not null and r.u2 is not null and r.u3 is not null and r.u4 is not null and r.u5 is not null
      and r.u6 is not null and r.u7 is not null and r.u8 is not null and r.u9 is not null
    ) as is_complete
  from responses as r
),

patterns as (
  select
    region_code,
    unit_id,
    max(unit_name) as unit_name,
    count(*) as responses,
    count_if(is_complete and u1 = u2 and u1 = u3 and u1 = u4 and u1 = u5 and u1 = u6 and u1 = u7 and u1 = u8 and u1 = u9)
      as straightlined,
    count_if(is_complete and u1 = 4 and u2 = 4 and u3 = 4 and u4 = 4 and u5 = 4 and u6 = 4 and u7 = 4 and u8 = 4 and u9 = 4)
      as all_max
  from answered
  group by region_code, unit_id
),

copies as (
  select region_code, unit_id, count(*) as copies
  from responses
  where submitted_at is not null
  group by region_code, unit_id, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation, submitted_at
  having count(*) > 1
),

duplicates as (
  select region_code, unit_id, sum(copies - 1) as duplicate_responses
  from copies
  group by region_code, unit_id
),

timed as (
  select region_code, unit_id, date_diff('second', timestamp '2000-01-01 00:00:00', submitted_at) as second_no
  from responses
  where submitted_at is not null
),

-- the time taken by each run of burst-count consecutive questionnaires of a unit (in submission order)
spans as (
  select
    t.region_code,
    t.unit_id,
    lead(t.second_no, cast(p.integrity_skm_burst_count as bigint) - 1)
      over (partition by t.region_code, t.unit_id order by t.second_no) - t.second_no as span_seconds
  from timed as t
  cross join params as p
),

bursts as (
  select region_code, unit_id, min(span_seconds) as shortest_burst_seconds
  from spans
  group by region_code, unit_id
)

select
  p.region_code,
  (select period from run_period) as period,
  p.unit_id,
  p.unit_name,
  p.responses,
  p.straightlined,
  p.all_max,
  coalesce(d.duplicate_responses, 0) as duplicate_responses,
  b.shortest_burst_seconds
from patterns as p
left join duplicates as d on d.region_code = p.region_code and d.unit_id = p.unit_id
left join bursts as b on b.region_code = p.region_code and b.unit_id = p.unit_id
