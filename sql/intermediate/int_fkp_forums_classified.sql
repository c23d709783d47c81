-- Each FKP forum with the stakeholder groups present (0-5) and whether it was ceremonial (methodology:
-- no agreement, or no RTL, or at most fkp_ceremonial groups, or no berita acara). A row carries what later
-- models read, not the forum's id, period, date, mode, agreement count or publication: FKP files are small and
-- many (a year to date of them), and every column read costs a read in each file.
-- grain: Satu forum konsultasi publik dalam cakupan FKP (periode, atau tahun berjalan) | One public-consultation forum in the FKP scope (the period, or the year to date)
with forums as (
  select * from stg_fkp_forums
),

params as (
  select * from methodology_params
),

grouped as (
  select
    f.*,
    (case when f.participants_users > 0 then 1 else 0 end)
      + (case when f.participants_experts > 0 then 1 else 0 end)
      + (case when f.participants_agencies > 0 then 1 else 0 end)
      + (case when f.participants_cso > 0 then 1 else 0 end)
      + (case when f.participants_media > 0 then 1 else 0 end) as stakeholder_groups
  from forums as f
)

select
  g.region_code,
  g.unit_id,
  g.stakeholder_groups,
  g.rtl_planned,
  g.rtl_done,
  g.is_berita_acara,
  g.is_in_period,
  (
    g.agreements_count = 0
    or g.rtl_planned = 0
    or g.stakeholder_groups <= p.integrity_fkp_ceremonial_max_stakeholder_groups
    or not g.is_berita_acara
  ) as is_ceremonial
from grouped as g
cross join params as p
