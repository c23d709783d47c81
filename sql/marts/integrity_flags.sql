-- Integrity signals per unit and period (docs/methodology.md "Integrity signals"; thresholds in the
-- methodology), one named step per flag family: self-filled SKM patterns, SKM respondents below the
-- Krejcie–Morgan sample, SKM with an unsur nobody answered (v2), grade A with poor complaint completion,
-- ceremonial FKP and impossible complaint timelines. Each flag carries the measured value, the threshold
-- and a sentence in Bahasa Indonesia.
-- grain: Satu sinyal integritas untuk satu unit pada periode | One integrity signal of one unit in the period
-- key: region_code, unit_id, flag
-- column period string: Periode triwulan (YYYY-Qn) | Reporting quarter (YYYY-Qn)
-- column region_code string: Kode wilayah Kemendagri | Kemendagri region code
-- column unit_id string: Kode unit layanan | Service unit id
-- column dataset string: Dataset asal sinyal (skm, fkp, complaints) | Dataset the signal comes from
-- column flag string: Kode sinyal (skm_straightlining, skm_all_max, skm_burst, skm_duplicates, skm_undersampled, skm_incomplete_unsur, skm_grade_vs_complaints, fkp_ceremonial, complaint_impossible_timeline) | Signal code
-- column severity string: Tingkat (high, medium, low) | Severity
-- column metric double: Nilai terukur (proporsi 0–1, jumlah, atau menit untuk skm_burst) | Measured value (share 0–1, count, or minutes for skm_burst)
-- column threshold double: Ambang metodologi | Methodology threshold
-- column detail string: Penjelasan dalam Bahasa Indonesia | Explanation in Bahasa Indonesia
with params as (
  select * from methodology_params
),

skm as (
  select * from int_skm_unit_profile
),

ikm_units as (
  select * from int_ikm_scored where grain = 'unit'
),

complaint_units as (
  select * from int_complaint_metrics where grain = 'unit'
),

forums_in_period as (
  select * from int_fkp_forums_classified where is_in_period
),

complaints as (
  select * from int_complaints_timed
),

straightlining as (
  select s.region_code, s.unit_id, 'skm_straightlining' as flag, 'medium' as severity,
    cast(s.straightlined as double) / s.responses as metric, p.integrity_skm_straightlining_share as threshold,
    cast(s.straightlined as varchar) || ' dari ' || cast(s.responses as varchar)
      || ' kuesioner menjawab kesembilan unsur dengan nilai yang sama' as detail
  from skm as s cross join params as p
  where s.responses >= p.integrity_skm_straightlining_min_responses
    and cast(s.straightlined as double) / s.responses >= p.integrity_skm_straightlining_share
),

all_max as (
  select s.region_code, s.unit_id, 'skm_all_max' as flag, 'medium' as severity,
    cast(s.all_max as double) / s.responses as metric, p.integrity_skm_all_max_share as threshold,
    cast(s.all_max as varchar) || ' dari ' || cast(s.responses as varchar) || ' kuesioner bernilai 4 pada semua unsur'
      as detail
  from skm as s cross join params as p
  where s.responses >= p.integrity_skm_all_max_min_responses
    and cast(s.all_max as double) / s.responses >= p.integrity_skm_all_max_share
),

duplicates as (
  select s.region_code, s.unit_id, 'skm_duplicates' as flag, 'high' as severity,
    cast(s.duplicate_responses as double) / s.responses as metric, p.integrity_skm_duplicates_share as threshold,
    cast(s.duplicate_responses as varchar) || ' dari ' || cast(s.responses as varchar)
      || ' kuesioner adalah salinan (jawaban, profil dan waktu kirim sama)' as detail
  from skm as s cross join params as p
  where s.responses >= p.integrity_skm_duplicates_min_responses
    and cast(s.duplicate_responses as double) / s.responses >= p.integrity_skm_duplicates_share
),

bursts as (
  select s.region_code, s.unit_id, 'skm_burst' as flag, 'high' as severity,
    s.shortest_burst_seconds / 60e0 as metric, p.integrity_skm_burst_window_minutes as threshold,
    cast(cast(p.integrity_skm_burst_count as bigint) as varchar) || ' kuesioner terkirim dalam '
      || cast(cast(ceiling(s.shortest_burst_seconds / 60e0) as bigint) as varchar) || ' menit atau kurang' as detail
  from skm as s cross join params as p
  where s.shortest_burst_seconds <= p.integrity_skm_burst_window_minutes * 60
),

krejcie_morgan_sample as (
  select * from int_krejcie_morgan_units
),

undersampled as (
  select s.region_code, s.unit_id, 'skm_undersampled' as flag, 'low' as severity,
    cast(s.responses as double) as metric, k.required_sample as threshold,
    cast(s.responses as varchar) || ' responden, kurang dari sampel minimum ' || cast(cast(k.required_sample as bigint) as varchar)
      || ' (Krejcie-Morgan) untuk '
      || case
        when p.integrity_skm_undersampled_users = 'period' then
          cast(cast(k.population as bigint) as varchar) || ' pengguna layanan pada periode ini ('
            || cast(k.annual_service_users as varchar) || ' per tahun)'
        else cast(k.annual_service_users as varchar) || ' pengguna layanan per tahun'
      end as detail
  from skm as s
  join krejcie_morgan_sample as k on k.region_code = s.region_code and k.unit_id = s.unit_id
  cross join params as p
  where s.responses < k.required_sample
),

incomplete_unsur as (
  select i.region_code, i.unit_id, 'skm_incomplete_unsur' as flag, 'medium' as severity,
    cast(i.unsur_answered as double) as metric, cast(null as double) as threshold,
    'Tidak ada jawaban untuk unsur ' || concat_ws(', ',
      case when i.nrr_u1 is null then 'U1' end, case when i.nrr_u2 is null then 'U2' end,
      case when i.nrr_u3 is null then 'U3' end, case when i.nrr_u4 is null then 'U4' end,
      case when i.nrr_u5 is null then 'U5' end, case when i.nrr_u6 is null then 'U6' end,
      case when i.nrr_u7 is null then 'U7' end, case when i.nrr_u8 is null then 'U8' end,
      case when i.nrr_u9 is null then 'U9' end)
      || ': IKM unit tidak dihitung (' || cast(i.respondents as varchar) || ' responden)' as detail
  from ikm_units as i
  cross join params as p
  where p.ikm_require_all_unsur and not i.has_all_unsur
),

grade_vs_complaints as (
  select i.region_code, i.unit_id, 'skm_grade_vs_complaints' as flag, 'medium' as severity,
    c.completion_share as metric, p.integrity_skm_grade_vs_complaints_completed_share_below as threshold,
    'Mutu SKM ' || i.mutu || ' tetapi hanya ' || cast(c.completion_met as varchar) || ' dari '
      || cast(c.completion_met + c.completion_missed as varchar) || ' pengaduan selesai dalam '
      || cast(cast(p.complaints_complete_days as bigint) as varchar) || ' hari' as detail
  from ikm_units as i
  join complaint_units as c on c.region_code = i.region_code and c.unit_id = i.unit_id
  cross join params as p
  where i.mutu = p.integrity_skm_grade_vs_complaints_grade
    and c.completion_met + c.completion_missed >= p.integrity_skm_grade_vs_complaints_min_complaints
    and c.completion_share < p.integrity_skm_grade_vs_complaints_completed_share_below
),

ceremonial as (
  select f.region_code, f.unit_id, 'fkp_ceremonial' as flag, 'medium' as severity,
    cast(count_if(f.is_ceremonial) as double) as metric, 1e0 as threshold,
    cast(count_if(f.is_ceremonial) as varchar) || ' dari ' || cast(count(*) as varchar)
      || ' forum bersifat seremonial (tanpa kesepakatan, tanpa RTL, tanpa berita acara, atau hanya satu kelompok pemangku kepentingan)' as detail
  from forums_in_period as f
  group by f.region_code, f.unit_id
  having count_if(f.is_ceremonial) > 0
),

impossible_timelines as (
  select c.region_code, c.unit_id, 'complaint_impossible_timeline' as flag, 'high' as severity,
    cast(count_if(c.is_impossible_timeline) as double) as metric, 1e0 as threshold,
    cast(count_if(c.is_impossible_timeline) as varchar)
      || case
        when bool_or(p.integrity_complaint_impossible_timeline_orderings) then
          ' pengaduan dengan urutan waktu mustahil (diverifikasi, ditindaklanjuti atau selesai sebelum diterima; '
          || 'ditindaklanjuti sebelum diverifikasi; selesai sebelum ditindaklanjuti; atau berstatus selesai tanpa waktu selesai)'
        else ' pengaduan dengan urutan waktu mustahil (diverifikasi, ditindaklanjuti atau selesai sebelum diterima)'
      end as detail
  from complaints as c
  cross join params as p
  group by c.region_code, c.unit_id
  having count_if(c.is_impossible_timeline) > 0
),

flags as (
  select region_code, unit_id, 'skm' as dataset, flag, severity, metric, threshold, detail from straightlining
  union all
  select region_code, unit_id, 'skm', flag, severity, metric, threshold, detail from all_max
  union all
  select region_code, unit_id, 'skm', flag, severity, metric, threshold, detail from duplicates
  union all
  select region_code, unit_id, 'skm', flag, severity, metric, threshold, detail from bursts
  union all
  select region_code, unit_id, 'skm', flag, severity, metric, threshold, detail from undersampled
  union all
  select region_code, unit_id, 'skm', flag, severity, metric, threshold, detail from incomplete_unsur
  union all
  select region_code, unit_id, 'skm', flag, severity, metric, threshold, detail from grade_vs_complaints
  union all
  select region_code, unit_id, 'fkp', flag, severity, metric, threshold, detail from ceremonial
  union all
  select region_code, unit_id, 'complaints', flag, severity, metric, threshold, detail from impossible_timelines
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
