-- Each region's index components for the period being built and the one before (for the rank change): the
-- ledger's accepted, nihil and rejected submissions per required dataset, each component's status (data,
-- nihil, missing; methodology v2 rule 4), the region marts' scores, and the scores the index uses: v1 the
-- marts' scores (NULL = weight spread), v2 a missing component scored 0, a nihil complaint report (or
-- complaints with nothing due) dropping out, a nihil FKP or SKM report scored 0.
-- grain: Satu wilayah (552) per periode, untuk periode yang dibangun dan sebelumnya | One region (all 552) per period, for the period being built and the one before
with params as (
  select * from methodology_params
),

periods as (
  select period, year, quarter, true as is_current from run_period
  union all
  select previous_period as period, previous_year as year, previous_quarter as quarter, false as is_current from run_period
),

-- what the ledger holds per region, period and required dataset: accepted files, nihil files, rejections
ledger as (
  select
    s.period,
    s.region_code,
    count_if(s.dataset = 'skm' and s.status in ('accepted', 'duplicate')) as skm_accepted,
    count_if(s.dataset = 'skm' and s.status = 'rejected') as skm_rejected,
    count_if(s.dataset = 'skm' and s.status in ('accepted', 'duplicate') and coalesce(s.nihil, false)) as skm_nihil,
    count_if(s.dataset = 'fkp' and s.status in ('accepted', 'duplicate')) as fkp_accepted,
    count_if(s.dataset = 'fkp' and s.status = 'rejected') as fkp_rejected,
    count_if(s.dataset = 'complaints' and s.status = 'rejected') as complaints_rejected,
    count_if(s.dataset = 'fkp' and s.status in ('accepted', 'duplicate') and coalesce(s.nihil, false)) as fkp_nihil,
    count_if(s.dataset = 'complaints' and s.status in ('accepted', 'duplicate')) as complaints_accepted,
    count_if(s.dataset = 'complaints' and s.status in ('accepted', 'duplicate') and coalesce(s.nihil, false))
      as complaints_nihil
  from submissions as s
  join periods as p on p.period = s.period
  group by s.period, s.region_code
),

-- the period's working-day windows (up to the completion window after its last day) reach a year without SKB
components as (
  select
    p.period,
    p.is_current,
    r.region_code,
    r.region_name,
    r.level,
    r.province_code,
    case when r.level = 'provinsi' then 'provinsi' else 'kabupaten_kota' end as level_group,
    coalesce(i.respondents, 0) as respondents,
    i.region_code is not null as has_skm_rows,
    i.ikm_konversi / m.index_ikm_divisor as ikm_score,
    c.complaint_score,
    f.fkp_score,
    coalesce(l.skm_accepted, 0) as accepted_submissions,
    coalesce(l.skm_rejected, 0) as rejected_submissions,
    coalesce(l.fkp_rejected, 0) as fkp_rejected,
    coalesce(l.complaints_rejected, 0) as complaints_rejected,
    -- v2 rule 4: data, nihil (accepted file without rows) or missing (nothing accepted) per component
    case
      when coalesce(l.skm_accepted, 0) = 0 then 'missing'
      when i.region_code is not null then 'data'
      when l.skm_nihil > 0 then 'nihil'
      else 'missing'
    end as skm_status,
    case
      when coalesce(l.complaints_accepted, 0) = 0 then 'missing'
      when c.region_code is not null then 'data'
      when l.complaints_nihil > 0 then 'nihil'
      else 'missing'
    end as complaints_status,
    case
      when coalesce(l.fkp_accepted, 0) = 0 then 'missing'
      when f.region_code is not null then 'data'
      when l.fkp_nihil > 0 then 'nihil'
      else 'missing'
    end as fkp_status
  from periods as p
  cross join regions as r
  cross join params as m
  left join ikm_region as i
    on i.year = p.year and i.quarter = p.quarter and i.region_code = r.region_code
  left join complaint_region as c
    on c.year = p.year and c.quarter = p.quarter and c.region_code = r.region_code
  left join fkp_region as f
    on f.year = p.year and f.quarter = p.quarter and f.region_code = r.region_code
  left join ledger as l on l.period = p.period and l.region_code = r.region_code
)

-- the component scores the index uses: v1 the marts' scores (NULL = weight spread); v2 a missing component
-- scores 0, a nihil complaint report (or complaints with nothing due) drops out, a nihil FKP or SKM report
-- scores 0
select
  c.*,
  case when m.index_missing_component = 'zero' and c.skm_status <> 'data' then 0e0
    when m.index_missing_component = 'zero' then coalesce(c.ikm_score, 0e0) else c.ikm_score end as ikm_used,
  case when m.index_missing_component = 'zero' and c.complaints_status = 'missing' then 0e0
    else c.complaint_score end as complaint_used,
  case when m.index_missing_component = 'zero' and c.fkp_status <> 'data' then 0e0
    else c.fkp_score end as fkp_used
from components as c
cross join params as m
