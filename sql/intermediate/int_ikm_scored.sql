-- IKM per service unit and per region, one scoring for both (PermenPANRB 14/2017): NRR per unsur = the sum
-- of its scores / the respondents who answered it, from int_skm_unit_profile (a region pools all its
-- respondents by adding up its units' sums and counts: not the mean of unit IKMs); IKM = weighted NRR
-- (methodology ikm_weight_rule: exact 1/answered unsur, or the printed weight); konversi = IKM x factor;
-- grade on konversi rounded to 2 decimals. With ikm_require_all_unsur (v2 rule 7) a unit or region for
-- which some unsur has no answer at all gets no IKM.
-- grain: Satu unit layanan (grain = unit) atau satu wilayah (grain = region, unit_id kosong) dengan kuesioner SKM pada periode | One service unit (grain = unit) or one region (grain = region, unit_id null) with SKM questionnaires in the period
with units as (
  select * from int_skm_unit_profile
),

params as (
  select * from methodology_params
),

pooled as (
  select
    'unit' as grain, region_code, period, unit_id, unit_name, cast(1 as bigint) as units, responses as respondents,
    score_sum_u1, score_sum_u2, score_sum_u3, score_sum_u4, score_sum_u5, score_sum_u6, score_sum_u7,
    score_sum_u8, score_sum_u9,
    answered_u1, answered_u2, answered_u3, answered_u4, answered_u5, answered_u6, answered_u7, answered_u8,
    answered_u9
  from units
  union all
  select
    'region', region_code, max(period), cast(null as varchar), cast(null as varchar), count(unit_id),
    cast(sum(responses) as bigint),
    cast(sum(score_sum_u1) as bigint), cast(sum(score_sum_u2) as bigint), cast(sum(score_sum_u3) as bigint),
    cast(sum(score_sum_u4) as bigint), cast(sum(score_sum_u5) as bigint), cast(sum(score_sum_u6) as bigint),
    cast(sum(score_sum_u7) as bigint), cast(sum(score_sum_u8) as bigint), cast(sum(score_sum_u9) as bigint),
    cast(sum(answered_u1) as bigint), cast(sum(answered_u2) as bigint), cast(sum(answered_u3) as bigint),
    cast(sum(answered_u4) as bigint), cast(sum(answered_u5) as bigint), cast(sum(answered_u6) as bigint),
    cast(sum(answered_u7) as bigint), cast(sum(answered_u8) as bigint), cast(sum(answered_u9) as bigint)
  from units
  group by region_code
),

nrr as (
  select
    grain,
    region_code,
    period,
    unit_id,
    unit_name,
    units,
    respondents,
    cast(score_sum_u1 as double) / nullif(answered_u1, 0) as nrr_u1,
    cast(score_sum_u2 as double) / nullif(answered_u2, 0) as nrr_u2,
    cast(score_sum_u3 as double) / nullif(answered_u3, 0) as nrr_u3,
    cast(score_sum_u4 as double) / nullif(answered_u4, 0) as nrr_u4,
    cast(score_sum_u5 as double) / nullif(answered_u5, 0) as nrr_u5,
    cast(score_sum_u6 as double) / nullif(answered_u6, 0) as nrr_u6,
    cast(score_sum_u7 as double) / nullif(answered_u7, 0) as nrr_u7,
    cast(score_sum_u8 as double) / nullif(answered_u8, 0) as nrr_u8,
    cast(score_sum_u9 as double) / nullif(answered_u9, 0) as nrr_u9
  from pooled
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
  w.grain,
  w.region_code,
  w.period,
  w.unit_id,
  w.unit_name,
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
