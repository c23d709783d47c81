-- The regions' service-unit registries for the period being built (rename and cast only).
-- grain: Satu unit layanan terdaftar pada periode yang dibangun | One registered service unit of the period
with source as (
  select u.*
  from units as u
  join run_period as p on u.year = p.year and u.quarter = p.quarter
)

select
  region_code,
  period,
  unit_id,
  unit_name,
  unit_type,
  cast(annual_service_users as bigint) as annual_service_users,
  submission_id,
  source_row
from source
