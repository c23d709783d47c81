-- Pantau service index per region (docs/methodology.md): component scores from the region marts; a missing
-- component's weight spread over the others (v1) or the component scored 0 (v2 rule 4, with nihil reports:
-- complaints drop out, FKP scores 0), IPP band, competition ranks (1, 2, 2, 4) among
-- provinces and among kabupaten/kota (nationally and within the province), change vs the previous period.
-- Scores and ranks are computed for this period and the previous one (read through the year/quarter
-- partition keys of the stored mart partitions, so no other period is scanned).
-- grain: Satu wilayah (552 wilayah) per periode | One region (all 552) per period
-- key: region_code
-- column period string: Periode triwulan (YYYY-Qn) | Reporting quarter (YYYY-Qn)
-- column region_code string: Kode wilayah Kemendagri | Kemendagri region code
-- column region_name string: Nama wilayah | Region name
-- column level string: Tingkat wilayah (provinsi/kabupaten/kota) | Region level
-- column province_code string: Kode provinsi | Province code
-- column respondents bigint: Responden SKM wilayah | SKM respondents of the region
-- column ikm_score double: Skor IKM (0–5) = IKM konversi / 20 | IKM score (0–5)
-- column complaint_score double: Skor pengaduan (0–5) | Complaint score (0–5)
-- column fkp_score double: Skor FKP (0–5) | FKP score (0–5)
-- column missing_components string: v2: dataset wajib yang tidak dikirim atau hanya ditolak (skm,fkp,complaints; kosong bila tidak ada), dinilai 0; v1: komponen tanpa data (ikm,complaint,fkp), bobotnya dialihkan | v2: required datasets missing or only rejected (empty when none), scored 0; v1: components without data, weight spread
-- column index_score double: Indeks layanan (0–5, 2 desimal) | Service index (0–5, 2 decimals)
-- column category string: Kategori IPP (A … F) | IPP band (A … F)
-- column category_label string: Nama kategori IPP | IPP band label
-- column ranked boolean: Masuk peringkat | Ranked
-- column not_ranked_reason string: Alasan tidak diperingkat | Why the region is not ranked
-- column rank_national int: Peringkat nasional dalam kelompoknya (provinsi; kabupaten/kota) | Rank within its level group
-- column rank_in_province int: Peringkat kabupaten/kota dalam provinsinya | Kabupaten/kota rank within its province
-- column rank_change int: Perubahan peringkat vs periode sebelumnya (positif = naik) | Rank change vs previous period (positive = up)
-- column score_reason string: Penjelasan skor: rumus dengan nilai komponen, komponen dinilai 0 atau dialihkan | How the score was computed, in Bahasa Indonesia
-- column calendar_provisional boolean: Kalender hari kerja sementara (tahun tanpa SKB libur; hanya libur bertanggal tetap) | Working-day calendar provisional (a year without its holiday SKB)
-- column methodology_version string: Versi metodologi | Methodology version
with params as (
  select * from methodology_params
),

calendar_status as (
  select coalesce(bool_or(c.is_provisional), false) as calendar_provisional
  from calendar as c
  cross join run_period as r
  cross join params as m
  where c.calendar_date between r.period_start
    and cast(date_add('day', cast(m.complaints_complete_days as bigint), r.period_end) as date)
),

components as (
  select * from int_region_components
),

indexed as (
  select
    c.*,
    case when m.index_missing_component = 'zero' then
      concat_ws(',',
        case when c.skm_status = 'missing' then 'skm' end,
        case when c.fkp_status = 'missing' then 'fkp' end,
        case when c.complaints_status = 'missing' then 'complaints' end)
    else nullif(concat_ws(',',
      case when c.ikm_score is null then 'ikm' end,
      case when c.complaint_score is null then 'complaint' end,
      case when c.fkp_score is null then 'fkp' end), '')
    end as missing_components,
    (case when c.ikm_used is null then 0 else m.index_weights_ikm end)
      + (case when c.complaint_used is null then 0 else m.index_weights_complaint end)
      + (case when c.fkp_used is null then 0 else m.index_weights_fkp end) as weight_in_use,
    round(
      (coalesce(m.index_weights_ikm * c.ikm_used, 0)
        + coalesce(m.index_weights_complaint * c.complaint_used, 0)
        + coalesce(m.index_weights_fkp * c.fkp_used, 0))
      / nullif(
        (case when c.ikm_used is null then 0 else m.index_weights_ikm end)
        + (case when c.complaint_used is null then 0 else m.index_weights_complaint end)
        + (case when c.fkp_used is null then 0 else m.index_weights_fkp end), 0),
      2) as index_score,
    c.respondents >= m.ranking_min_respondents and (not m.ikm_require_all_unsur or c.ikm_score is not null)
      as ranked,
    case
      when c.ikm_score is null and c.rejected_submissions > 0 and c.accepted_submissions = 0
        then 'Tidak ada data SKM yang diterima: kiriman SKM ditolak'
      when m.ikm_require_all_unsur and c.ikm_score is null and c.has_skm_rows
        then 'Data SKM wilayah tidak lengkap: ada unsur tanpa jawaban, IKM tidak dihitung'
      when c.ikm_score is null then 'Tidak ada data SKM: SKM belum dikirim'
      when c.respondents < m.ranking_min_respondents
        then 'Responden SKM kurang dari ' || cast(cast(m.ranking_min_respondents as integer) as varchar)
          || ' (' || cast(c.respondents as varchar) || ' responden)'
    end as not_ranked_reason
  from components as c
  cross join params as m
),

-- the score explained: formula with the component values, then what was scored 0 or dropped and why
explained as (
  select
    x.*,
    case when x.index_score is null then 'Tidak ada komponen yang dapat dinilai.'
    else
      'Indeks ' || replace(cast(cast(x.index_score as decimal(4, 2)) as varchar), '.', ',') || ' = ('
      || concat_ws(' + ',
        case when x.ikm_used is not null then replace(cast(cast(m.index_weights_ikm as decimal(3, 2)) as varchar), '.', ',')
          || ' x IKM ' || replace(cast(cast(round(x.ikm_used, 2) as decimal(4, 2)) as varchar), '.', ',') end,
        case when x.complaint_used is not null then replace(cast(cast(m.index_weights_complaint as decimal(3, 2)) as varchar), '.', ',')
          || ' x pengaduan ' || replace(cast(cast(round(x.complaint_used, 2) as decimal(4, 2)) as varchar), '.', ',') end,
        case when x.fkp_used is not null then replace(cast(cast(m.index_weights_fkp as decimal(3, 2)) as varchar), '.', ',')
          || ' x FKP ' || replace(cast(cast(round(x.fkp_used, 2) as decimal(4, 2)) as varchar), '.', ',') end)
      || ') / ' || replace(cast(cast(x.weight_in_use as decimal(3, 2)) as varchar), '.', ',') || '.'
      || concat_ws('',
        case when m.index_missing_component = 'zero' and x.skm_status = 'missing' then ' SKM '
          || case when x.rejected_submissions > 0 then 'hanya ditolak' else 'tidak dikirim' end || ': dinilai 0.' end,
        case when m.index_missing_component = 'zero' and x.complaints_status = 'missing' then ' Pengaduan '
          || case when x.complaints_rejected > 0 then 'hanya ditolak' else 'tidak dikirim' end || ': dinilai 0.' end,
        case when m.index_missing_component = 'zero' and x.fkp_status = 'missing' then ' FKP '
          || case when x.fkp_rejected > 0 then 'hanya ditolak' else 'tidak dikirim' end || ': dinilai 0.' end,
        case when x.complaints_status = 'nihil' then ' Laporan pengaduan nihil: bobotnya dialihkan ke komponen lain.' end,
        case when x.complaints_status = 'data' and x.complaint_used is null
          then ' Belum ada pengaduan yang jatuh tempo: bobotnya dialihkan ke komponen lain.' end,
        case when m.index_missing_component = 'zero' and x.fkp_status = 'nihil'
          then ' Laporan FKP nihil (tidak ada forum): dinilai 0.' end,
        case when m.index_missing_component = 'zero' and x.skm_status = 'nihil'
          then ' Laporan SKM nihil (tidak ada survei): dinilai 0, tidak diperingkat.' end,
        case when m.index_missing_component <> 'zero' and x.missing_components is not null
          then ' Komponen tanpa data (' || x.missing_components || '): bobotnya dialihkan.' end)
    end as score_reason
  from indexed as x
  cross join params as m
),

ranks as (
  select
    period,
    region_code,
    cast(rank() over (partition by period, level_group order by index_score desc) as integer) as rank_national,
    case when level_group = 'kabupaten_kota' then
      cast(rank() over (partition by period, level_group, province_code order by index_score desc) as integer)
    end as rank_in_province
  from explained
  where ranked
)

select
  x.period,
  x.region_code,
  x.region_name,
  x.level,
  x.province_code,
  x.respondents,
  round(x.ikm_used, 2) as ikm_score,
  round(x.complaint_used, 2) as complaint_score,
  round(x.fkp_used, 2) as fkp_score,
  x.missing_components,
  x.index_score,
  b.category,
  b.label as category_label,
  x.ranked,
  x.not_ranked_reason,
  r.rank_national,
  r.rank_in_province,
  prev.rank_national - r.rank_national as rank_change,
  x.score_reason,
  k.calendar_provisional,
  m.version as methodology_version
from explained as x
cross join params as m
cross join calendar_status as k
left join ranks as r on r.period = x.period and r.region_code = x.region_code
left join ranks as prev on prev.period <> x.period and prev.region_code = x.region_code
left join ipp_bands as b on x.index_score between b.min_score and b.max_score
where x.is_current
