-- IKM per region, pooled over all its respondents (not the mean of unit IKMs): NRR per unsur over the
-- region's respondents who answered it, IKM = weighted NRR (methodology ikm_weight_rule: exact 1/answered unsur, or the printed
-- weight), konversi = IKM x factor, grade on konversi rounded to 2 decimals (PermenPANRB 14/2017). With
-- ikm_require_all_unsur (v2 rule 7) a unit or region for which some unsur has no answer at all gets no IKM.
-- grain: Satu wilayah dengan kuesioner SKM pada periode | One region with SKM questionnaires in the period
with responses as (
  select * from stg_skm_responses
),

params as (
  select * from methodology_params
),

nrr as (
  select
    region_code,
    max(period) as period,
    count(distinct unit_id) as units,
    count(*) as respondents,
    avg(u1) as nrr_u1,
    avg(u2) as nrr_u2,
    avg(u3) as nrr_u3,
    avg(u4) as nrr_u4,
    avg(u5) as nrr_u5,
    avg(u6) as nrr_u6,
    avg(u7) as nrr_u7,
    avg(u8) as nrr_u8,
    avg(u9) as nrr_u9
  from responses
  group by region_code
),

summed as (
  select
    nrr.*,
    coalesce(nrr_u1, 0) + coalesce(nrr_u2, 0) + coalesce(nrr_u3, 0) + coalesce(nrr_u4, 0) + coalesce(nrr_u5, 0)
      + coalesce(nrr_u6, 0) + coalesce(nrr_u7, 0) + coalesce(nrr_u8, 0) + coalesce(nrr_u9, 0) as nrr_sum,
    (case when nrr_u1 is null then 0 else 1 end) + (case when nrr_u2 is null then 0 else 1 end)
      + (case when nrr_u3 is null then 0 else 1 end) + (case when nrr_u4 is null then 0 else 1 end)
      + (case when nrr_u5 is null then 0 else 1 end) + (case when nrr_u6 is null then 0 else 1 end)
      + (case when nrr_u7 is null then 0 else 1 end) + (case when nrr_u8 is null then 0 else 1 end)
      + (case when nrr_u9 is null then 0 else 1 end) as unsur_answered,
    (
      nrr_u1 is not null and nrr_u2 is not null and nrr_u3 is not null and nrr_u4 is not null and nrr_u5 is not null
      and nrr_u6 is not null and nrr_u7 is not null and nrr_u8 is not null and nrr_u9 is not null
    ) as has_all_unsur
  from nrr
),

weighted as (
  select
    s.*,
    case
      when p.ikm_require_all_unsur and not s.has_all_unsur then cast(null as double)
      when p.ikm_weight_rule = 'printed' then s.nrr_sum * p.ikm_printed_weight
      else s.nrr_sum / cast(nullif(s.unsur_answered, 0) as double)
    end as ikm,
    p.ikm_konversi_factor as konversi_factor,
    p.ikm_weight_rule as weight_rule
  from summed as s
  cross join params as p
)

select
  w.region_code,
  w.period,
  w.units,
  w.respondents,
  w.nrr_u1,
  w.nrr_u2,
  w.nrr_u3,
  w.nrr_u4,
  w.nrr_u5,
  w.nrr_u6,
  w.nrr_u7,
  w.nrr_u8,
  w.nrr_u9,
  w.unsur_answered,
  w.has_all_unsur,
  w.ikm,
  round(w.ikm * w.konversi_factor, 2) as ikm_konversi,
  g.mutu,
  g.kinerja,
  w.weight_rule
from weighted as w
left join ikm_grades as g
  on round(w.ikm * w.konversi_factor, 2) between g.min_konversi and g.max_konversi
