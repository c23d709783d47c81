-- IKM of a region, pooled over all its respondents (NRR per unsur over every respondent of the region).
-- grain: Satu wilayah per periode (wilayah dengan data SKM) | One region per period (regions with SKM data)
-- key: region_code
-- column period string: Periode triwulan (YYYY-Qn) | Reporting quarter (YYYY-Qn)
-- column region_code string: Kode wilayah Kemendagri | Kemendagri region code
-- column units bigint: Jumlah unit dengan responden SKM | Units with SKM respondents
-- column respondents bigint: Jumlah responden seluruh unit | Respondents over all units
-- column nrr_u1 double: NRR unsur 1 (gabungan wilayah) | Pooled mean score of element 1
-- column nrr_u2 double: NRR unsur 2 (gabungan wilayah) | Pooled mean score of element 2
-- column nrr_u3 double: NRR unsur 3 (gabungan wilayah) | Pooled mean score of element 3
-- column nrr_u4 double: NRR unsur 4 (gabungan wilayah) | Pooled mean score of element 4
-- column nrr_u5 double: NRR unsur 5 (gabungan wilayah) | Pooled mean score of element 5
-- column nrr_u6 double: NRR unsur 6 (gabungan wilayah) | Pooled mean score of element 6
-- column nrr_u7 double: NRR unsur 7 (gabungan wilayah) | Pooled mean score of element 7
-- column nrr_u8 double: NRR unsur 8 (gabungan wilayah) | Pooled mean score of element 8
-- column nrr_u9 double: NRR unsur 9 (gabungan wilayah) | Pooled mean score of element 9
-- column ikm double: IKM wilayah (1–4) | Region IKM (1–4)
-- column ikm_konversi double: IKM konversi wilayah (25–100) | Region converted IKM (25–100)
-- column mutu string: Mutu pelayanan (A/B/C/D) | Service quality grade
-- column kinerja string: Kinerja (Sangat Baik … Tidak Baik) | Performance label
-- column weight_rule string: Aturan bobot unsur | Element weight rule used
with scored as (
  select * from int_ikm_scored where grain = 'region'
)

select
  period,
  region_code,
  units,
  respondents,
  nrr_u1,
  nrr_u2,
  nrr_u3,
  nrr_u4,
  nrr_u5,
  nrr_u6,
  nrr_u7,
  nrr_u8,
  nrr_u9,
  ikm,
  ikm_konversi,
  mutu,
  kinerja,
  weight_rule
from scored
