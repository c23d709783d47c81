-- SKM questionnaires of the period being built (rename and cast only). The engine binds
-- skm_responses to that period (docs/architecture.md, "Binding a period"): this model reads it as it is.
-- grain: Satu kuesioner SKM pada periode yang dibangun | One SKM questionnaire of the period being built
select
  region_code,
  period,
  unit_id,
  unit_name,
  response_id,
  service_type,
  cast(survey_date as date) as survey_date,
  cast(u1 as integer) as u1,
  cast(u2 as integer) as u2,
  cast(u3 as integer) as u3,
  cast(u4 as integer) as u4,
  cast(u5 as integer) as u5,
  cast(u6 as integer) as u6,
  cast(u7 as integer) as u7,
  cast(u8 as integer) as u8,
  cast(u9 as integer) as u9,
  gender,
  cast(age as integer) as age,
  education,
  occupation,
  cast(submitted_at as timestamp) as submitted_at,
  submission_id,
  source_row
from skm_responses
