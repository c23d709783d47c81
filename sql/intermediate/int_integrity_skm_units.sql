-- Per unit, the SKM patterns of self-filled surveys (docs/methodology.md): straight-lined
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

-- copies share their submission time: only rows whose time repeats in the unit are compared in full
repeated_times as (
  select region_code, unit_id, submitted_at
  from responses
  where submitted_at is not null
  group by region_code, unit_id, submitted_at
  having count(*) > 1
),

copies as (
  select r.region_code, r.unit_id, count(*) as copies
  from responses as r
  join repeated_times as t
    on t.region_code = r.region_code and t.unit_id = r.unit_id and t.submitted_at = r.submitted_at
  group by
    r.region_code, r.unit_id, r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9,
    r.gender, r.age, r.education, r.occupation, r.submitted_at
  having count(*) > 1
),

duplicates as (
  select region_code, unit_id, sum(copies - 1) as duplicate_responses
  from copies
  group by region_code, unit_id
),

timed as (
  select
    r.region_code,
    r.unit_id,
    r.response_id,
    date_diff('second', timestamp '2000-01-01 00:00:00', r.submitted_at) as second_no,
    cast(p.integrity_skm_burst_window_minutes * 60 as bigint) as window_seconds
  from responses as r
  cross join params as p
  where r.submitted_at is not null
),

bucketed as (
  select t.*, cast(floor(cast(t.second_no as double) / t.window_seconds) as bigint) as bucket
  from timed as t
),

bucket_counts as (
  select region_code, unit_id, bucket, count(*) as questionnaires
  from bucketed
  group by region_code, unit_id, bucket
),

-- a run inside the window lies within two consecutive buckets of the window's width: only pairs holding
-- at least burst-count questionnaires can contain one
candidate_buckets as (
  select a.region_code, a.unit_id, a.bucket
  from bucket_counts as a
  cross join params as p
  left join bucket_counts as b
    on b.region_code = a.region_code and b.unit_id = a.unit_id and b.bucket = a.bucket + 1
  where a.questionnaires + coalesce(b.questionnaires, 0) >= p.integrity_skm_burst_count
),

candidates as (
  select distinct t.region_code, t.unit_id, t.response_id, t.second_no
  from bucketed as t
  join candidate_buckets as c
    on c.region_code = t.region_code and c.unit_id = t.unit_id and t.bucket in (c.bucket, c.bucket + 1)
),

-- the time taken by each run of burst-count consecutive questionnaires (exact for every run that fits the
-- window: all its questionnaires are candidates)
spans as (
  select
    t.region_code,
    t.unit_id,
    lead(t.second_no, cast(p.integrity_skm_burst_count as bigint) - 1)
      over (partition by t.region_code, t.unit_id order by t.second_no) - t.second_no as span_seconds
  from candidates as t
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
