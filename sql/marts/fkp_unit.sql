-- Forum Konsultasi Publik per service unit (PermenPANRB 16/2017), over the methodology's FKP scope: the
-- period (v1) or the year to date (v2, FKP is a yearly obligation).
-- grain: Satu unit layanan per periode (unit yang menyelenggarakan forum dalam cakupan FKP: triwulan, atau tahun berjalan pada v2) | One service unit per period (units holding a forum in the FKP scope: the quarter, or the year to date in v2)
-- key: region_code, unit_id
-- column period string: Periode triwulan (YYYY-Qn) | Reporting quarter (YYYY-Qn)
-- column region_code string: Kode wilayah Kemendagri | Kemendagri region code
-- column unit_id string: Kode unit layanan | Service unit id
-- column forums bigint: Jumlah forum | Forums held
-- column mean_stakeholder_groups double: Rata-rata kelompok pemangku kepentingan hadir (0–5) | Mean stakeholder groups present (0–5)
-- column rtl_planned bigint: Jumlah RTL direncanakan | Follow-up actions planned
-- column rtl_done bigint: Jumlah RTL terlaksana | Follow-up actions done
-- column rtl_completion_rate double: Tingkat penyelesaian RTL (0–1; kosong bila tanpa RTL) | RTL completion rate (0–1; null without RTL)
-- column berita_acara_share double: Proporsi forum dengan berita acara | Share of forums with minutes
-- column ceremonial_forums bigint: Forum seremonial (tanpa kesepakatan/RTL/berita acara, ≤ 1 kelompok) | Ceremonial forums
with metrics as (
  select * from int_fkp_unit_metrics
)

select
  period,
  region_code,
  unit_id,
  forums,
  mean_stakeholder_groups,
  rtl_planned,
  rtl_done,
  rtl_completion_rate,
  berita_acara_share,
  ceremonial_forums
from metrics
