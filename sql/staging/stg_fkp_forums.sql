-- FKP forums of the period being built (rename and cast only).
-- grain: Satu forum konsultasi publik pada periode yang dibangun | One public-consultation forum of the period
with source as (
  select f.*
  from fkp_forums as f
  join run_period as p on f.year = p.year and f.quarter = p.quarter
)

select
  region_code,
  period,
  forum_id,
  unit_id,
  unit_name,
  cast(forum_date as date) as forum_date,
  mode,
  topic,
  coalesce(participants_users, 0) as participants_users,
  coalesce(participants_experts, 0) as participants_experts,
  coalesce(participants_agencies, 0) as participants_agencies,
  coalesce(participants_cso, 0) as participants_cso,
  coalesce(participants_media, 0) as participants_media,
  coalesce(agreements_count, 0) as agreements_count,
  coalesce(rtl_planned, 0) as rtl_planned,
  coalesce(rtl_done, 0) as rtl_done,
  coalesce(berita_acara, false) as is_berita_acara,
  coalesce(published, false) as is_published,
  submission_id,
  source_row
from source
