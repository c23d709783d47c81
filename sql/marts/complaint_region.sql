-- SP4N-LAPOR! service levels per region: verification within the methodology's working days (from receipt),
-- follow-up within its working days (from verification), completion within its calendar days (from
-- receipt), open at period end (not completed by the last day, not archived or out of authority).
-- grain: Satu wilayah per periode (wilayah dengan laporan) | One region per period (regions with complaints)
-- key: region_code
-- column period string: Periode triwulan (YYYY-Qn) | Reporting quarter (YYYY-Qn)
-- column region_code string: Kode wilayah Kemendagri | Kemendagri region code
-- column units bigint: Jumlah unit yang menerima laporan | Units that received complaints
-- column received bigint: Laporan diterima pada periode | Complaints received in the period
-- column verified_on_time bigint: Diverifikasi ≤ 3 hari kerja sejak diterima | Verified within 3 working days of receipt
-- column followed_up_on_time bigint: Ditindaklanjuti ≤ 5 hari kerja sejak verifikasi | Followed up within 5 working days of verification
-- column completed_on_time bigint: Selesai ≤ 60 hari sejak diterima | Completed within 60 days of receipt
-- column completed_by_period_end bigint: Selesai sampai akhir periode | Completed by the end of the period
-- column open_at_period_end bigint: Belum selesai pada akhir periode (tanpa arsip/bukan wewenang) | Open at period end (excl. archived, out of authority)
-- column impossible_timelines bigint: Urutan waktu mustahil (mis. selesai sebelum diterima) | Impossible timelines (e.g. completed before received)
-- column median_days_to_completion double: Median hari sampai selesai (laporan selesai) | Median days to completion (completed complaints)
-- column share_verified_on_time double: Proporsi diverifikasi tepat waktu | Share verified on time
-- column share_followed_up_on_time double: Proporsi ditindaklanjuti tepat waktu | Share followed up on time
-- column share_completed_on_time double: Proporsi selesai ≤ 60 hari | Share completed within 60 days
-- column complaint_score double: Skor pengaduan (0–5, metodologi) | Complaint score (0–5, methodology)
with metrics as (
  select * from int_complaint_metrics
)

select
  period,
  region_code,
  units,
  received,
  verified_on_time,
  followed_up_on_time,
  completed_on_time,
  completed_by_period_end,
  open_at_period_end,
  impossible_timelines,
  median_days_to_completion,
  share_verified_on_time,
  share_followed_up_on_time,
  share_completed_on_time,
  complaint_score
from metrics
where grain = 'region'
