-- The regions' service-unit registries for the period being built (rename and cast only). The engine binds
-- units to that period (docs/architecture.md, "Binding a period"): this model reads it as it is.
-- grain: Satu unit layanan terdaftar pada periode yang dibangun | One registered service unit of the period
select
  region_code,
  period,
  unit_id,
  unit_name,
  unit_type,
  cast(annual_service_users as bigint) as annual_service_users,
  submission_id,
  source_row
from units
