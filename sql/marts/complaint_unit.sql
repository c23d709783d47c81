-- SP4N-LAPOR! service levels per unit: verification within the methodology's working days (from receipt),
-- follow-up within its working days (from verification), completion within its calendar days (from
-- receipt), open at period end (not completed by the last day, not archived or out of authority).
-- grain: Satu unit layanan per periode (unit dengan laporan) | One service unit per period (units with complaints)
-- key: region_code, unit_id
-- column period string: Periode triwulan (YYYY-Qn) | Reporting quarter (YYYY-Qn)
-- column region_code string: Kode wilayah Kemendagri | Kemendagri region code
-- column unit_id string: Kode unit layanan | Service unit id
-- column received bigint: Laporan diterima pada periode | Complaints received in the period
-- column verified_on_time bigint: Diverifikasi dalam batas hari kerja metodologi sejak diterima | Verified within the methodology's working days of receipt
-- column followed_up_on_time bigint: Ditindaklanjuti dalam batas hari kerja metodologi sejak verifikasi | Followed up within the methodology's working days of verification
-- column completed_on_time bigint: Selesai dalam batas hari kalender metodologi sejak diterima | Completed within the methodology's calendar days of receipt
-- column completed_by_period_end bigint: Selesai sampai akhir periode | Completed by the end of the period
-- column open_at_period_end bigint: Belum selesai pada akhir periode (tanpa arsip/bukan wewenang) | Open at period end (excl. archived, out of authority)
-- column impossible_timelines bigint: Urutan waktu mustahil (mis. selesai sebelum diterima) | Impossible timelines (e.g. completed before received)
-- column median_days_to_completion double: Median hari sampai selesai (laporan selesai) | Median days to completion (completed complaints)
-- column share_verified_on_time double: Proporsi diverifikasi tepat waktu dari semua laporan (v1) | Share verified on time of all received (v1)
-- column share_followed_up_on_time double: Proporsi ditindaklanjuti tepat waktu dari semua laporan (v1) | Share followed up on time of all received (v1)
-- column share_completed_on_time double: Proporsi selesai tepat waktu dari semua laporan (v1) | Share completed on time of all received (v1)
-- column verification_met bigint: SLA verifikasi ≤ batas hari kerja sejak diterima: terpenuhi | SLA verification within the working days of receipt: met
-- column verification_missed bigint: SLA verifikasi: terlewat (terlambat, atau belum terjadi dan jendela sudah tutup pada batas data) | SLA verification: missed (late, or not yet and the window closed before the cut-off)
-- column verification_pending bigint: SLA verifikasi: tertunda (belum terjadi, jendela masih terbuka pada batas data) | SLA verification: pending (not yet, window open at the cut-off)
-- column verification_share double: SLA verifikasi: terpenuhi / (terpenuhi + terlewat); kosong bila tidak ada yang jatuh tempo | SLA verification: met / (met + missed); null when none is due
-- column follow_up_met bigint: SLA tindak lanjut ≤ batas hari kerja sejak verifikasi (laporan terverifikasi): terpenuhi | SLA follow-up within the working days of verification (verified complaints): met
-- column follow_up_missed bigint: SLA tindak lanjut: terlewat (terlambat, atau belum terjadi dan jendela sudah tutup pada batas data) | SLA follow-up: missed (late, or not yet and the window closed before the cut-off)
-- column follow_up_pending bigint: SLA tindak lanjut: tertunda (belum terjadi, jendela masih terbuka pada batas data) | SLA follow-up: pending (not yet, window open at the cut-off)
-- column follow_up_share double: SLA tindak lanjut: terpenuhi / (terpenuhi + terlewat); kosong bila tidak ada yang jatuh tempo | SLA follow-up: met / (met + missed); null when none is due
-- column completion_met bigint: SLA selesai ≤ batas hari sejak diterima: terpenuhi | SLA completion within the days of receipt: met
-- column completion_missed bigint: SLA penyelesaian: terlewat (terlambat, atau belum terjadi dan jendela sudah tutup pada batas data) | SLA completion: missed (late, or not yet and the window closed before the cut-off)
-- column completion_pending bigint: SLA penyelesaian: tertunda (belum terjadi, jendela masih terbuka pada batas data) | SLA completion: pending (not yet, window open at the cut-off)
-- column completion_share double: SLA penyelesaian: terpenuhi / (terpenuhi + terlewat); kosong bila tidak ada yang jatuh tempo | SLA completion: met / (met + missed); null when none is due
with metrics as (
  select * from int_complaint_metrics where grain = 'unit'
)

select
  period,
  region_code,
  unit_id,
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
  verification_met,
  verification_missed,
  verification_pending,
  verification_share,
  follow_up_met,
  follow_up_missed,
  follow_up_pending,
  follow_up_share,
  completion_met,
  completion_missed,
  completion_pending,
  completion_share
from metrics
