-- FKP forums in the methodology's FKP scope (rename and cast only): the period being built, or (v2 rule 5,
-- fkp_scope = year_to_date) every quarter of its year up to it; is_in_period marks the period's own forums.
-- The engine binds fkp_forums to the year's quarters up to the period (docs/architecture.md, "Binding a
-- period"): this model narrows it to the scope.
-- grain: Satu forum konsultasi publik dalam cakupan FKP (periode, atau tahun berjalan) | One public-consultation forum in the FKP scope (the period, or the year to date)
with source as (
  select f.*, f.quarter = p.quarter as is_in_period
  from fkp_forums as f
  cross join run_period as p
  cross join methodology_params as m
  where f.quarter = p.quarter or m.fkp_scope = 'year_to_date'
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
  is_in_period,
  submission_id,
  source_row
from source
