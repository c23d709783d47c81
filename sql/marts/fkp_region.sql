-- Forum Konsultasi Publik per region: activity, coverage of the region's known units, FKP score, over the
-- methodology's FKP scope: the period (v1) or the year to date (v2).
-- grain: Satu wilayah per periode (wilayah dengan forum dalam cakupan FKP: triwulan, atau tahun berjalan pada v2) | One region per period (regions with forums in the FKP scope: the quarter, or the year to date in v2)
-- key: region_code
-- column period string: Periode triwulan (YYYY-Qn) | Reporting quarter (YYYY-Qn)
-- column region_code string: Kode wilayah Kemendagri | Kemendagri region code
-- column forums bigint: Jumlah forum | Forums held
-- column units_with_forum bigint: Unit yang menyelenggarakan forum | Units holding a forum
-- column units_known bigint: Unit dikenal (registri + unit yang muncul di data) | Known units (registry + units in the data)
-- column coverage_share double: Proporsi unit yang menyelenggarakan forum | Share of known units holding a forum
-- column mean_stakeholder_groups double: Rata-rata kelompok pemangku kepentingan hadir (0–5) | Mean stakeholder groups present (0–5)
-- column rtl_planned bigint: Jumlah RTL direncanakan | Follow-up actions planned
-- column rtl_done bigint: Jumlah RTL terlaksana | Follow-up actions done
-- column rtl_completion_rate double: Tingkat penyelesaian RTL (0–1) | RTL completion rate (0–1)
-- column berita_acara_share double: Proporsi forum dengan berita acara | Share of forums with minutes
-- column ceremonial_forums bigint: Forum seremonial | Ceremonial forums
-- column fkp_score double: Skor FKP (0–5, metodologi) | FKP score (0–5, methodology)
with metrics as (
  select * from int_fkp_region_metrics
)

select
  period,
  region_code,
  forums,
  units_with_forum,
  units_known,
  coverage_share,
  mean_stakeholder_groups,
  rtl_planned,
  rtl_done,
  rtl_completion_rate,
  berita_acara_share,
  ceremonial_forums,
  fkp_score
from metrics
