-- The service units known for each region in the period: its registry plus every unit that appears in
-- an SKM, FKP or complaint row (the denominator of FKP coverage). SKM, FKP and complaint units are read from
-- the intermediate models that already hold them (one row per unit, forum or complaint), not from staging again.
-- grain: Satu unit layanan yang dikenal per wilayah dan periode | One known service unit per region and period
with known as (
  select region_code, unit_id, 'registry' as source from stg_units
  union all
  select region_code, unit_id, 'skm' as source from int_skm_unit_profile
  union all
  select region_code, unit_id, 'fkp' as source from int_fkp_forums_classified
  union all
  select region_code, unit_id, 'complaints' as source from int_complaints_timed
)

select
  region_code,
  unit_id,
  count_if(source = 'registry') > 0 as is_registered
from known
group by region_code, unit_id
