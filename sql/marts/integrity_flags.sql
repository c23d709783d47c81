-- Integrity signals per unit and period (docs/methodology.md; thresholds in the methodology):
-- self-filled SKM patterns, SKM respondents below Krejcie–Morgan, grade A with poor complaint completion,
-- ceremonial FKP and impossible complaint timelines. Each flag carries the measured value, the threshold
-- and a sentence in Bahasa Indonesia.
-- grain: Satu sinyal integritas untuk satu unit pada periode | One integrity signal of one unit in the period
-- key: region_code, unit_id, flag
-- column period string: Periode triwulan (YYYY-Qn) | Reporting quarter (YYYY-Qn)
-- column region_code string: Kode wilayah Kemendagri | Kemendagri region code
-- column unit_id string: Kode unit layanan | Service unit id
-- column dataset string: Dataset asal sinyal (skm, fkp, complaints) | Dataset the signal comes from
-- column flag string: Kode sinyal (skm_straightlining, skm_all_max, skm_burst, skm_duplicates, skm_undersampled, skm_grade_vs_complaints, fkp_ceremonial, complaint_impossible_timeline) | Signal code
-- column severity string: Tingkat (high, medium, low) | Severity
-- column metric double: Nilai terukur (proporsi 0–1, jumlah, atau menit untuk skm_burst) | Measured value (share 0–1, count, or minutes for skm_burst)
-- column threshold double: Ambang metodologi | Methodology threshold
-- column detail string: Penjelasan dalam Bahasa Indonesia | Explanation in Bahasa Indonesia
with params as (
  select * from methodology_params
),

skm as (
  select * from int_integrity_skm_units
),

units as (
  select * from stg_units
),

ikm as (
  select * from int_ikm_scored where grain = 'unit'
),

complaint_units as (
  select * from int_complaint_metrics where grain = 'unit'
),

forums as (
  select * from int_fkp_forums_classified
),

complaints as (
  select * from int_complaints_timed
),


skm_flags as (
  select s.region_code, s.unit_id, 'skm_straightlining' as flag, 'medium' as severity,
    cast(s.straightlined as double) / s.responses as metric, p.integrity_skm_straightlining_share as threshold,
    cast(s.straightlined as varchar) || ' dari ' || cast(s.responses as varchar)
      || ' kuesioner menjawab kesembilan unsur dengan nilai yang sama' as detail
  from skm as s cross join params as p
  where s.responses >= p.integrity_skm_straightlining_min_responses
    and cast(s.straightlined as double) / s.responses >= p.integrity_skm_straightlining_share
  union all
  select s.region_code, s.unit_id, 'skm_all_max', 'medium',
    cast(s.all_max as double) / s.responses, p.integrity_skm_all_max_share,
    cast(s.all_max as varchar) || ' dari ' || cast(s.responses as varchar) || ' kuesioner bernilai 4 pada semua unsur'
  from skm as s cross join params as p
  where s.responses >= p.integrity_skm_all_max_min_responses
    and cast(s.all_max as double) / s.responses >= p.integrity_skm_all_max_share
  union all
  select s.region_code, s.unit_id, 'skm_duplicates', 'high',
    cast(s.duplicate_responses as double) / s.responses, p.integrity_skm_duplicates_share,
    cast(s.duplicate_responses as varchar) || ' dari ' || cast(s.responses as varchar)
      || ' kuesioner adalah salinan (jawaban, profil dan waktu kirim sama)'
  from skm as s cross join params as p
  where s.responses >= p.integrity_skm_duplicates_min_responses
    and cast(s.duplicate_responses as double) / s.responses >= p.integrity_skm_duplicates_share
  union all
  select s.region_code, s.unit_id, 'skm_burst', 'high',
    s.shortest_burst_seconds / 60e0, p.integrity_skm_burst_window_minutes,
    cast(cast(p.integrity_skm_burst_count as bigint) as varchar) || ' kuesioner terkirim dalam '
      || cast(cast(ceiling(s.shortest_burst_seconds / 60e0) as bigint) as varchar) || ' menit atau kurang'
  from skm as s cross join params as p
  where s.shortest_burst_seconds <= p.integrity_skm_burst_window_minutes * 60
),

-- Krejcie & Morgan: S = chi2 N P(1-P) / (d^2 (N-1) + chi2 P(1-P)), rounded up; N = annual service users
undersampled as (
  select s.region_code, s.unit_id, 'skm_undersampled' as flag, 'low' as severity,
    cast(s.responses as double) as metric, k.required as threshold,
    cast(s.responses as varchar) || ' responden, kurang dari sampel minimum ' || cast(cast(k.required as bigint) as varchar)
      || ' (Krejcie-Morgan) untuk ' || cast(k.annual_service_users as varchar) || ' pengguna layanan per tahun' as detail
  from skm as s
  join (
    select u.region_code, u.unit_id, u.annual_service_users,
      ceiling(
        p.integrity_skm_undersampled_chi2 * u.annual_service_users * p.integrity_skm_undersampled_p * (1 - p.integrity_skm_undersampled_p)
        / (
          p.integrity_skm_undersampled_d * p.integrity_skm_undersampled_d * (u.annual_service_users - 1)
          + p.integrity_skm_undersampled_chi2 * p.integrity_skm_undersampled_p * (1 - p.integrity_skm_undersampled_p)
        )
      ) as required
    from units as u cross join params as p
    where u.annual_service_users > 0
  ) as k on k.region_code = s.region_code and k.unit_id = s.unit_id
  where s.responses < k.required
),

grade_vs_complaints as (
  select i.region_code, i.unit_id, 'skm_grade_vs_complaints' as flag, 'medium' as severity,
    c.share_completed_on_time as metric, p.integrity_skm_grade_vs_complaints_completed_share_below as threshold,
    'Mutu SKM ' || i.mutu || ' tetapi hanya ' || cast(c.completed_on_time as varchar) || ' dari ' || cast(c.received as varchar)
      || ' pengaduan selesai dalam 60 hari' as detail
  from ikm as i
  join complaint_units as c on c.region_code = i.region_code and c.unit_id = i.unit_id
  cross join params as p
  where i.mutu = p.integrity_skm_grade_vs_complaints_grade
    and c.received >= p.integrity_skm_grade_vs_complaints_min_complaints
    and c.share_completed_on_time < p.integrity_skm_grade_vs_complaints_completed_share_below
),

ceremonial as (
  select f.region_code, f.unit_id, 'fkp_ceremonial' as flag, 'medium' as severity,
    cast(count_if(f.is_ceremonial) as double) as metric, 1e0 as threshold,
    cast(count_if(f.is_ceremonial) as varchar) || ' dari ' || cast(count(*) as varchar)
      || ' forum bersifat seremonial (tanpa kesepakatan, tanpa RTL, tanpa berita acara, atau hanya satu kelompok pemangku kepentingan)' as detail
  from forums as f
  group by f.region_code, f.unit_id
  having count_if(f.is_ceremonial) > 0
),

impossible as (
  select c.region_code, c.unit_id, 'complaint_impossible_timeline' as flag, 'high' as severity,
    cast(count_if(c.is_impossible_timeline) as double) as metric, 1e0 as threshold,
    cast(count_if(c.is_impossible_timeline) as varchar)
      || ' pengaduan dengan urutan waktu mustahil (diverifikasi, ditindaklanjuti atau selesai sebelum diterima)' as detail
  from complaints as c
  group by c.region_code, c.unit_id
  having count_if(c.is_impossible_timeline) > 0
),

flags as (
  select region_code, unit_id, 'skm' as dataset, flag, severity, metric, threshold, detail from skm_flags
  union all
  select region_code, unit_id, 'skm', flag, severity, metric, threshold, detail from undersampled
  union all
  select region_code, unit_id, 'skm', flag, severity, metric, threshold, detail from grade_vs_complaints
  union all
  select region_code, unit_id, 'fkp', flag, severity, metric, threshold, detail from ceremonial
  union all
  select region_code, unit_id, 'complaints', flag, severity, metric, threshold, detail from impossible
)

select
  r.period,
  f.region_code,
  f.unit_id,
  f.dataset,
  f.flag,
  f.severity,
  f.metric,
  f.threshold,
  f.detail
from flags as f
cross join run_period as r
order by f.region_code, f.unit_id, f.flag
