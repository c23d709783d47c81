-- The Krejcie & Morgan (1970) minimum SKM sample of each registered unit whose service users are known:
-- S = chi2 N P(1-P) / (d^2 (N-1) + chi2 P(1-P)), the numbers in the methodology (integrity_skm_undersampled_*).
-- grain: Satu unit layanan terdaftar dengan jumlah pengguna layanan diketahui pada periode | One registered service unit with known service users in the period
with units as (
  select * from stg_units
),

params as (
  select * from methodology_params
),

-- the population N of the Krejcie–Morgan formula: the unit's annual service users (v1), or (v2 rule 6) that
-- share of them falling in the period (annual users x months of the period / 12, rounded up; the period
-- runs from a month's first day to the day before one, so the month difference is whole in both engines)
population as (
  select
    u.region_code,
    u.unit_id,
    u.annual_service_users,
    case
      when p.integrity_skm_undersampled_users = 'period' then
        ceiling(u.annual_service_users * date_diff('month', r.period_start, date_add('day', 1, r.period_end)) / 12e0)
      else cast(u.annual_service_users as double)
    end as population
  from units as u
  cross join params as p
  cross join run_period as r
  where u.annual_service_users > 0
)

-- Krejcie & Morgan: S = chi2 N P(1-P) / (d^2 (N-1) + chi2 P(1-P)), rounded up (v1) or to the nearest whole
-- number as the published table is (v2 rule 6)
select
  k.*,
  case when p.integrity_skm_undersampled_rounding = 'nearest' then round(k.exact_sample) else ceiling(k.exact_sample) end
    as required_sample
from (
  select
    n.*,
    p.integrity_skm_undersampled_chi2 * n.population * p.integrity_skm_undersampled_p * (1 - p.integrity_skm_undersampled_p)
    / (
      p.integrity_skm_undersampled_d * p.integrity_skm_undersampled_d * (n.population - 1)
      + p.integrity_skm_undersampled_chi2 * p.integrity_skm_undersampled_p * (1 - p.integrity_skm_undersampled_p)
    ) as exact_sample
  from population as n
  cross join params as p
) as k
cross join params as p
