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
    s.dataset,
    count_if(s.status in ('accepted', 'duplicate')) as accepted,
    count_if(s.status in ('accepted', 'duplicate') and coalesce(s.nihil, false)) as nihil,
    count_if(s.status = 'rejected') as rejected
  from submissions as s
  join periods as p on p.period = s.period
  group by s.period, s.region_code, s.dataset
),

-- the regions each required dataset's region mart has a row for (the dataset has data)
mart_rows as (
  select year, quarter, region_code, 'skm' as dataset from ikm_region
  union all
  select year, quarter, region_code, 'complaints' as dataset from complaint_region
  union all
  select year, quarter, region_code, 'fkp' as dataset from fkp_region
),

-- v2 rule 4: each required dataset's status per region and period: data, nihil (an accepted file without
-- rows) or missing (nothing accepted)
dataset_statuses as (
  select
    p.period,
    r.region_code,
    d.dataset,
    coalesce(l.accepted, 0) as accepted,
    coalesce(l.rejected, 0) as rejected,
    case
      when coalesce(l.accepted, 0) = 0 then 'missing'
      when m.region_code is not null then 'data'
      when l.nihil > 0 then 'nihil'
      else 'missing'
    end as status
  from periods as p
  cross join regions as r
  cross join (values ('skm'), ('fkp'), ('complaints')) as d (dataset)
  left join ledger as l on l.period = p.period and l.region_code = r.region_code and l.dataset = d.dataset
  left join mart_rows as m
    on m.year = p.year and m.quarter = p.quarter and m.region_code = r.region_code and m.dataset = d.dataset
),

statuses as (
  select
    period,
    region_code,
    max(case when dataset = 'skm' then accepted end) as accepted_submissions,
    max(case when dataset = 'skm' then rejected end) as rejected_submissions,
    max(case when dataset = 'fkp' then rejected end) as fkp_rejected,
    max(case when dataset = 'complaints' then rejected end) as complaints_rejected,
    max(case when dataset = 'skm' then status end) as skm_status,
    max(case when dataset = 'complaints' then status end) as complaints_status,
    max(case when dataset = 'fkp' then status end) as fkp_status
  from dataset_statuses
  group by period, region_code
),

-- each region's scores from the region marts (read through their partition keys) and its statuses
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
    s.accepted_submissions,
    s.rejected_submissions,
    s.fkp_rejected,
    s.complaints_rejected,
    s.skm_status,
    s.complaints_status,
    s.fkp_status
  from periods as p
  cross join regions as r
  cross join params as m
  join statuses as s on s.period = p.period and s.region_code = r.region_code
  left join ikm_region as i
    on i.year = p.year and i.quarter = p.quarter and i.region_code = r.region_code
  left join complaint_region as c
    on c.year = p.year and c.quarter = p.quarter and c.region_code = r.region_code
  left join fkp_region as f
    on f.year = p.year and f.quarter = p.quarter and f.region_code = r.region_code
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
