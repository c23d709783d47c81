-- SP4N-LAPOR! complaints of the period being built (rename and cast only). The engine binds
-- complaints to that period (docs/architecture.md, "Binding a period"): this model reads it as it is.
-- grain: Satu laporan SP4N-LAPOR! pada periode yang dibangun | One complaint of the period being built
select
  region_code,
  period,
  complaint_id,
  unit_id,
  unit_name,
  cast(received_at as timestamp) as received_at,
  cast(verified_at as timestamp) as verified_at,
  cast(followed_up_at as timestamp) as followed_up_at,
  cast(completed_at as timestamp) as completed_at,
  status,
  classification,
  category,
  channel,
  cast(rating as integer) as rating,
  reporter_nik_hash,
  submission_id,
  source_row
from complaints
