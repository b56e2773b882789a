-- Grain: one row per quarantine row in scope ($1 = a district, or null for all; see summary.sql
-- for the source; the district is quarantine.district_code), of source $2 and reason $3 (each null for any),
-- ordered by file and line (the list mechanism, ListPage, pages it). raw is cut at 2,000 characters
-- (raw_length gives the whole length; null for a file-level reject, which has no row).
with attributed as (
    select source_file, line_number, reason_code, detail, raw,
           case split_part(source_file, '/', 1)
               when 'reference' then 'reference'
               when 'quarterly_reports' then 'quarterly_reports'
               when 'request_logs' then 'request_logs'
               else 'unrecognized'
           end as source,
           district_code
    from quarantine
),

scoped as (
    select * from attributed
    where ($1 is null or district_code = $1)
      and ($2 is null or source = $2)
      and ($3 is null or reason_code = $3)
),

final as (
    select source, source_file, line_number, reason_code, detail,
           left(raw, 2000) as raw, length(raw) as raw_length, district_code
    from scoped
)

select * from final
order by source_file, line_number, reason_code
