-- Grain: one row per source × reason_code of the quarantine rows in scope ($1 = a district, or
-- null for all), with the rows and the files they come from.
-- source: the first folder of source_file (reference, quarterly_reports, request_logs; anything
-- else is 'unrecognized', as in ingest_runs.source).
-- Scope: a row belongs to a district only when its file is a quarterly report named by the
-- contract's layout, quarterly_reports/<YYYY>Q<q>/<district_code>.<YYYY-MM-DD>.csv; rows of
-- reference files, request logs and misnamed files belong to no district and are in scope only
-- when $1 is null. (The same attribution is in rows.sql, rows_count.sql and runs.sql.)
with attributed as (
    select reason_code, source_file,
           case split_part(source_file, '/', 1)
               when 'reference' then 'reference'
               when 'quarterly_reports' then 'quarterly_reports'
               when 'request_logs' then 'request_logs'
               else 'unrecognized'
           end as source,
           nullif(regexp_extract(source_file, '^quarterly_reports/[0-9]{4}Q[1-4]/([0-9]{6})\.[0-9]{4}-[0-9]{2}-[0-9]{2}\.csv$', 1), '') as district_code
    from quarantine
),

scoped as (
    select * from attributed where $1 is null or district_code = $1
),

final as (
    select source, reason_code, count(*) as rows, count(distinct source_file) as files
    from scoped
    group by source, reason_code
)

select * from final order by source, rows desc, reason_code
