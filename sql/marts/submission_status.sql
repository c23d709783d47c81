-- Submission monitoring (docs/methodology.md): the roster is every one of the 552 regions x skm, fkp, complaints for
-- the period; the ledger says what arrived. on_time: an accepted upload by the deadline (the methodology's
-- days after quarter end, until 23:59:59 WIB); late: accepted only after it; rejected: only rejected
-- uploads; missing: nothing. Upload times are stored in UTC and compared in WIB.
-- grain: Satu wilayah x dataset wajib per periode (552 x 3) | One region x reported dataset per period
-- key: region_code, dataset
-- column period string: Periode triwulan (YYYY-Qn) | Reporting quarter (YYYY-Qn)
-- column region_code string: Kode wilayah Kemendagri | Kemendagri region code
-- column region_name string: Nama wilayah | Region name
-- column level string: Tingkat wilayah (provinsi/kabupaten/kota) | Region level
-- column province_code string: Kode provinsi | Province code
-- column dataset string: Dataset (skm, fkp, complaints) | Dataset
-- column status string: Status (on_time, late, missing, rejected) | Status
-- column submitted_at timestamp: Waktu unggah (WIB) yang menentukan status | Upload time (WIB) behind the status
-- column deadline timestamp: Batas waktu (WIB) | Deadline (WIB)
-- column submissions bigint: Jumlah berkas yang diproses | Files processed
-- column rejected_submissions bigint: Jumlah berkas ditolak | Files rejected
-- column current_submission_id string: Pengiriman yang datanya dipakai | Submission whose data is current
-- column accepted_rows bigint: Baris diterima dari pengiriman yang dipakai | Rows accepted in the current submission
-- column rejected_rows bigint: Baris ditolak dari pengiriman itu (atau dari penolakan terakhir) | Rows rejected in it (or in the last rejection)
with params as (
  select * from methodology_params
),

bounds as (
  select
    r.period,
    date_add('second', -1, date_add('day', cast(p.submission_deadline_days_after_quarter as bigint) + 1, cast(r.period_end as timestamp)))
      as deadline,
    cast(p.submission_timezone_offset_hours as bigint) as offset_hours
  from run_period as r
  cross join params as p
),

roster as (
  select g.region_code, g.region_name, g.level, g.province_code, d.dataset
  from regions as g
  cross join (values ('skm'), ('fkp'), ('complaints')) as d (dataset)
),

ledger as (
  select
    s.region_code,
    s.dataset,
    s.submission_id,
    s.status,
    date_add('hour', b.offset_hours, s.uploaded_at) as uploaded_wib,
    s.rows_accepted,
    s.rows_rejected,
    b.deadline
  from submissions as s
  join bounds as b on b.period = s.period
  where s.status in ('accepted', 'rejected')
),

ranked as (
  select
    l.*,
    row_number() over (
      partition by l.region_code, l.dataset, l.status order by l.uploaded_wib desc, l.submission_id desc
    ) as newest_first
  from ledger as l
),

summary as (
  select
    region_code,
    dataset,
    count(*) as submissions,
    cast(count_if(status = 'rejected') as bigint) as rejected_submissions,
    min(case when status = 'accepted' then uploaded_wib end) as first_accepted_at,
    cast(count_if(status = 'accepted' and uploaded_wib <= deadline) as bigint) as accepted_on_time,
    max(case when status = 'accepted' and newest_first = 1 then submission_id end) as current_submission_id,
    max(case when status = 'accepted' and newest_first = 1 then rows_accepted end) as current_accepted_rows,
    max(case when status = 'accepted' and newest_first = 1 then rows_rejected end) as current_rejected_rows,
    max(case when status = 'rejected' and newest_first = 1 then uploaded_wib end) as last_rejected_at,
    max(case when status = 'rejected' and newest_first = 1 then rows_rejected end) as last_rejected_rows
  from ranked
  group by region_code, dataset
)

select
  b.period,
  r.region_code,
  r.region_name,
  r.level,
  r.province_code,
  r.dataset,
  case
    when s.accepted_on_time > 0 then 'on_time'
    when s.first_accepted_at is not null then 'late'
    when s.rejected_submissions > 0 then 'rejected'
    else 'missing'
  end as status,
  coalesce(s.first_accepted_at, s.last_rejected_at) as submitted_at,
  b.deadline,
  coalesce(s.submissions, 0) as submissions,
  coalesce(s.rejected_submissions, 0) as rejected_submissions,
  s.current_submission_id,
  coalesce(s.current_accepted_rows, 0) as accepted_rows,
  coalesce(s.current_rejected_rows, s.last_rejected_rows, 0) as rejected_rows
from roster as r
cross join bounds as b
left join summary as s on s.region_code = r.region_code and s.dataset = r.dataset
order by r.region_code, r.dataset
