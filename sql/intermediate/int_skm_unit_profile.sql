-- Per unit, everything later models take from its SKM questionnaires: the respondents; per unsur the sum of
-- the scores and the number of respondents who answered it (the NRR's numerator and denominator, which add
-- up to the region: int_ikm_scored); and the patterns of self-filled surveys (docs/methodology.md):
-- straight-lined questionnaires (all nine answers equal), all-maximum questionnaires, duplicate
-- questionnaires (same answers, profile and submission time: each beyond the first of a set of identical
-- ones) and the shortest time in which burst-count questionnaires arrived.
-- Two reads of the unit's questionnaires, neither sorted. The first gathers each unit's submission times into
-- one array, sorted only when the times did not arrive in order (they nearly always do: the one pass that
-- finds where a time is no later than the one before it tells both), in which are found the runs of
-- burst-count consecutive questionnaires that took no longer than the burst window and the times at which
-- two questionnaires of the unit arrived together. The second is a plain aggregate: the counts and sums
-- and, for the questionnaires submitted at one of those shared times only, their compared columns, grouped
-- afterwards to count the copies (a copy always shares its time with another questionnaire of its unit, so
-- none is missed). The shortest burst is kept only when it is within the burst window (NULL otherwise): the
-- skm_burst flag (integrity_flags) is all that reads it.
-- grain: Satu unit layanan yang menerima kuesioner SKM pada periode | One unit with SKM questionnaires in the period
with params as (
  select * from methodology_params
),

-- each unit's submission times as the engine read them
read_times as (
  select
    region_code,
    unit_id,
    count(submitted_at) as timed,
    array_agg(submitted_at) filter (where submitted_at is not null) as times
  from stg_skm_responses
  group by region_code, unit_id
),

-- the positions at which a time is no later than the one before it, for a unit of 2 to 10,000 timed
-- questionnaires (one call of Trino's sequence, which returns at most 10,000 elements); the times arrived in
-- order when at each of these positions the time equals the one before it: then these are the positions of
-- the shared times. A unit of more than 10,000 is always sorted.
steps as (
  select
    region_code,
    unit_id,
    timed,
    times,
    case when timed between 2 and 10000 then
      filter(sequence(2, timed), i -> times[i] <= times[i - 1])
    end as not_later_at
  from read_times
),

arrival as (
  select
    region_code,
    unit_id,
    timed,
    times,
    not_later_at,
    timed < 2 or (timed <= 10000 and cardinality(filter(not_later_at, i -> times[i] < times[i - 1])) = 0)
      as is_in_order
  from steps
),

-- each unit's submission times in order, the positions of its shared times when already found, and the
-- numbers of its chunks of positions (below)
unit_times as (
  select
    region_code,
    unit_id,
    timed,
    case when is_in_order then times else array_sort(times) end as times,
    case when is_in_order then not_later_at end as shared_at,
    sequence(0, greatest(timed - 1, 0) / 10000) as chunk_numbers
  from arrival
),

-- each unit's sorted submission times, with positions taken in chunks of at most 10,000 (the most Trino's
-- sequence returns): one chunk for any unit with up to 10,000 timed questionnaires in the period. The chunk
-- numbers are a column of the row: DuckDB unnests a column as it goes, where an unnest of an expression of
-- the row was planned as a join that copied every unit's times (~12 % of this model)
chunks as (
  select
    u.region_code,
    u.unit_id,
    u.timed,
    u.times,
    u.shared_at,
    b.burst_count,
    b.burst_count / 2 as half,
    b.window_seconds,
    c.chunk * 10000 + 1 as first_position,
    least(u.timed, c.chunk * 10000 + 10000) as last_position
  from unit_times as u
  cross join (
    select
      cast(integrity_skm_burst_count as bigint) as burst_count,
      integrity_skm_burst_window_minutes * 60 as window_seconds
    from params
  ) as b
  cross join unnest(u.chunk_numbers) as c (chunk)
),

-- positions in the sorted times: where a questionnaire arrived at the same time as the one before it (already
-- found for a unit whose times arrived in order, which has a single chunk), and the every-half-th positions j
-- (half = burst-count / 2) where the questionnaire half further on arrived within the burst window: any run
-- of burst-count consecutive questionnaires holds such a pair (j, j + half), so only a unit with one of these
-- dense positions can hold a run that took no longer than the window (a tenth of the positions tested when
-- the count is 20). Each case first tests that there is such a position in the chunk (Trino's sequence
-- counts down, or fails, when start > stop).
chunk_marks as (
  select
    region_code,
    unit_id,
    timed,
    times,
    burst_count,
    half,
    window_seconds,
    first_position,
    last_position,
    case when timed >= burst_count and least(last_position, timed - half) >= first_position then filter(
      sequence(first_position, least(last_position, timed - half), greatest(half, 1)),
      j -> date_diff('second', times[j], times[j + half]) <= window_seconds
    ) end as dense_at,
    case
      when shared_at is not null then shared_at
      when last_position >= greatest(first_position, 2) then filter(
        sequence(greatest(first_position, 2), last_position), i -> times[i] = times[i - 1]
      )
    end as shared_at
  from chunks
),

-- the chunks' marks, each chunk's times kept only where a later step reads them (a dense or a shared
-- position: 1,873 of the 24,462 units of a national quarter, with 8 % of its times). Both later steps read
-- these marks, so the engine may keep them whole (DuckDB does): copying every unit's times there cost ~10 %
-- of this model
marks as (
  select
    region_code,
    unit_id,
    burst_count,
    window_seconds,
    first_position,
    last_position,
    dense_at,
    shared_at,
    case when cardinality(dense_at) > 0 or cardinality(shared_at) > 0 then times end as times
  from chunk_marks
),

-- the sorted times of each chunk with a dense position (291 of the 24,462 units of a national quarter),
-- numbered; kept from burst-count - 1 positions before the chunk's first to burst-count - 1 after its last,
-- which holds every run of burst-count questionnaires through one of its dense positions. Only these chunks
-- unnest their unit's times, once each: carrying the array into each dense position instead copies it once a
-- position, a cost that grows with the square of the unit's size
numbered_times as (
  select m.region_code, m.unit_id, m.first_position, m.burst_count, m.window_seconds, t.submitted_at, t.ordinal
  from (select * from marks where cardinality(dense_at) > 0) as m
  cross join unnest(m.times) with ordinality as t (submitted_at, ordinal)
  where t.ordinal between m.first_position - m.burst_count + 1 and m.last_position + m.burst_count - 1
),

-- the span of the burst-count questionnaires from each position (questionnaires with the same time may come
-- in any order: the times of a run, and so its span, are the same)
spans as (
  select
    region_code,
    unit_id,
    window_seconds,
    date_diff('second', submitted_at, lead(submitted_at, burst_count - 1) over (
      partition by region_code, unit_id, first_position order by ordinal
    )) as span_seconds
  from numbered_times
),

-- the shortest run of burst-count consecutive questionnaires that took no longer than the window: any such run
-- holds a dense position
bursts as (
  select region_code, unit_id, min(span_seconds) as shortest_burst_seconds
  from spans
  where span_seconds <= window_seconds
  group by region_code, unit_id
),

-- the times at which two questionnaires of one unit arrived together
shared_times as (
  select distinct m.times[s.i] as submitted_at
  from marks as m
  cross join unnest(m.shared_at) as s (i)
),

-- each questionnaire, marked when it was submitted at one of those times (the questionnaires of other units at
-- those times make groups of one below, which count no copy)
questionnaires as (
  select r.*, r.submitted_at in (select submitted_at from shared_times) as at_shared_time
  from stg_skm_responses as r
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
    end) as bigint) as all_max,
    -- the compared columns of the questionnaires at shared times, each a row inside a row (Trino's unnest
    -- makes a row's fields into columns, DuckDB's keeps it whole: so both give one column, the inner row)
    array_agg(row(row(
      submitted_at, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation
    ))) filter (where at_shared_time) as shared_questionnaires
  from questionnaires
  group by region_code, unit_id
),

-- identical questionnaires: the same unit, submission time, answers and profile (nulls equal)
identical as (
  select u.region_code, u.unit_id, count(*) as copies
  from units as u
  cross join unnest(u.shared_questionnaires) as q (compared)
  group by u.region_code, u.unit_id, q.compared
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
left join bursts as b on u.region_code = b.region_code and u.unit_id = b.unit_id
