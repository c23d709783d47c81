-- Indeks Kepuasan Masyarakat per service unit (PermenPANRB 14/2017), computed in int_ikm_scored.
-- grain: Satu unit layanan per periode | One service unit per period
-- key: region_code, unit_id
-- column period string: Periode triwulan (YYYY-Qn) | Reporting quarter (YYYY-Qn)
-- column region_code string: Kode wilayah Kemendagri | Kemendagri region code
-- column unit_id string: Kode unit layanan | Service unit id
-- column unit_name string: Nama unit layanan | Service unit name
-- column respondents bigint: Jumlah responden (kuesioner) | Respondents (questionnaires)
-- column nrr_u1 double: NRR unsur 1 Persyaratan (1–4) | Mean score of element 1, requirements (1–4)
-- column nrr_u2 double: NRR unsur 2 Sistem, Mekanisme, dan Prosedur | Mean score of element 2, procedure
-- column nrr_u3 double: NRR unsur 3 Waktu Penyelesaian | Mean score of element 3, completion time
-- column nrr_u4 double: NRR unsur 4 Biaya/Tarif | Mean score of element 4, cost
-- column nrr_u5 double: NRR unsur 5 Produk Spesifikasi Jenis Pelayanan | Mean score of element 5, service product
-- column nrr_u6 double: NRR unsur 6 Kompetensi Pelaksana | Mean score of element 6, staff competence
-- column nrr_u7 double: NRR unsur 7 Perilaku Pelaksana | Mean score of element 7, staff behaviour
-- column nrr_u8 double: NRR unsur 8 Sarana dan Prasarana | Mean score of element 8, facilities
-- column nrr_u9 double: NRR unsur 9 Penanganan Pengaduan, Saran dan Masukan | Mean score of element 9, complaint handling
-- column unsur_answered int: Jumlah unsur yang dijawab sedikitnya satu responden (0–9) | Elements answered by at least one respondent (0–9)
-- column ikm double: IKM (1–4) = jumlah NRR x bobot; kosong bila metodologi mensyaratkan kesembilan unsur dan ada unsur tanpa jawaban | IKM (1–4) = weighted sum of NRR; null when the methodology requires all nine unsur and one has no answer
-- column ikm_konversi double: IKM konversi (25–100), dibulatkan 2 desimal | Converted IKM (25–100), rounded to 2 decimals
-- column mutu string: Mutu pelayanan (A/B/C/D) | Service quality grade (A/B/C/D)
-- column kinerja string: Kinerja unit (Sangat Baik … Tidak Baik) | Unit performance label
-- column weight_rule string: Aturan bobot unsur (exact = 1/9, printed = 0,111) | Element weight rule used
with scored as (
  select * from int_ikm_scored where grain = 'unit'
)

select
  period,
  region_code,
  unit_id,
  unit_name,
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
  unsur_answered,
  ikm,
  ikm_konversi,
  mutu,
  kinerja,
  weight_rule
from scored
