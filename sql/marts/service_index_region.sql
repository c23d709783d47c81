-- Pantau service index per region (docs/methodology.md, methodology v1): component scores from the region marts,
-- missing components' weights spread over the others, IPP band, competition ranks (1, 2, 2, 4) among
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
-- column missing_components string: Komponen tanpa data (ikm,complaint,fkp), bobotnya dialihkan | Components without data, weight spread
-- column index_score double: Indeks layanan (0–5, 2 desimal) | Service index (0–5, 2 decimals)
-- column category string: Kategori IPP (A … F) | IPP band (A … F)
-- column category_label string: Nama kategori IPP | IPP band label
-- column ranked boolean: Masuk peringkat | Ranked
-- column not_ranked_reason string: Alasan tidak diperingkat | Why the region is not ranked
-- column rank_national int: Peringkat nasional dalam kelompoknya (provinsi; kabupaten/kota) | Rank within its level group
-- column rank_in_province int: Peringkat kabupaten/kota dalam provinsinya | Kabupaten/kota rank within its province
-- column rank_change int: Perubahan peringkat vs periode sebelumnya (positif = naik) | Rank change vs previous period (positive = up)
-- column methodology_version string: Versi metodologi | Methodology version
with params as (
  select * from methodology_params
),

periods as (
  select period, year, quarter, true as is_current from run_period
  union all
  select previous_period as period, previous_year as year, previous_quarter as quarter, false as is_current from run_period
),

skm_ledger as (
  select
    s.period,
    s.region_code,
    count_if(s.status in ('accepted', 'duplicate')) as accepted_submissions,
    count_if(s.status = 'rejected') as rejected_submissions
  from submissions as s
  join periods as p on p.period = s.period
  where s.dataset = 'skm'
  group by s.period, s.region_code
),

components as (
  select
    p.period,
    p.is_current,
    r.region_code,
    r.region_name,
    r.level,
    r.province_code,
    case when r.level = 'provinsi' then 'provinsi' else 'kabupaten_kota' end as level_group,
    coalesce(i.respondents, 0) as respondents,
    i.ikm_konversi / m.index_ikm_divisor as ikm_score,
    c.complaint_score,
    f.fkp_score,
    coalesce(l.accepted_submissions, 0) as accepted_submissions,
    coalesce(l.rejected_submissions, 0) as rejected_submissions
  from periods as p
  cross join regions as r
  cross join params as m
  left join ikm_region as i
    on i.year = p.year and i.quarter = p.quarter and i.region_code = r.region_code
  left join complaint_region as c
    on c.year = p.year and c.quarter = p.quarter and c.region_code = r.region_code
  left join fkp_region as f
    on f.year = p.year and f.quarter = p.quarter and f.region_code = r.region_code
  left join skm_ledger as l on l.period = p.period and l.region_code = r.region_code
),

indexed as (
  select
    c.*,
    nullif(concat_ws(',',
      case when c.ikm_score is null then 'ikm' end,
      case when c.complaint_score is null then 'complaint' end,
      case when c.fkp_score is null then 'fkp' end), '') as missing_components,
    round(
      (coalesce(m.index_weights_ikm * c.ikm_score, 0)
        + coalesce(m.index_weights_complaint * c.complaint_score, 0)
        + coalesce(m.index_weights_fkp * c.fkp_score, 0))
      / nullif(
        (case when c.ikm_score is null then 0 else m.index_weights_ikm end)
        + (case when c.complaint_score is null then 0 else m.index_weights_complaint end)
        + (case when c.fkp_score is null then 0 else m.index_weights_fkp end), 0),
      2) as index_score,
    c.respondents >= m.ranking_min_respondents as ranked,
    case
      when c.ikm_score is null and c.rejected_submissions > 0 and c.accepted_submissions = 0
        then 'Tidak ada data SKM yang diterima: kiriman SKM ditolak'
      when c.ikm_score is null then 'Tidak ada data SKM: SKM belum dikirim'
      when c.respondents < m.ranking_min_respondents
        then 'Responden SKM kurang dari ' || cast(cast(m.ranking_min_respondents as integer) as varchar)
          || ' (' || cast(c.respondents as varchar) || ' responden)'
    end as not_ranked_reason
  from components as c
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
  from indexed
  where ranked
)

select
  x.period,
  x.region_code,
  x.region_name,
  x.level,
  x.province_code,
  x.respondents,
  round(x.ikm_score, 2) as ikm_score,
  round(x.complaint_score, 2) as complaint_score,
  round(x.fkp_score, 2) as fkp_score,
  x.missing_components,
  x.index_score,
  b.category,
  b.label as category_label,
  x.ranked,
  x.not_ranked_reason,
  r.rank_national,
  r.rank_in_province,
  prev.rank_national - r.rank_national as rank_change,
  m.version as methodology_version
from indexed as x
cross join params as m
left join ranks as r on r.period = x.period and r.region_code = x.region_code
left join ranks as prev on prev.period <> x.period and prev.region_code = x.region_code
left join ipp_bands as b on x.index_score between b.min_score and b.max_score
where x.is_current
