-- Grain: one row, the number of quarantine rows that rows.sql pages through: in scope ($1 = a
-- district, or null for all; quarantine.district_code), of source $2 and reason $3 (each null for any).
with attributed as (
    select reason_code,
           case split_part(source_file, '/', 1)
               when 'reference' then 'reference'
               when 'quarterly_reports' then 'quarterly_reports'
               when 'request_logs' then 'request_logs'
               else 'unrecognized'
           end as source,
           district_code
    from quarantine
)

select count(*) as total
from attributed
where ($1 is null or district_code = $1)
  and ($2 is null or source = $2)
  and ($3 is null or reason_code = $3)
