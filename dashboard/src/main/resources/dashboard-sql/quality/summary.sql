-- Grain: one row per source × reason_code of the quarantine rows in scope ($1 = a district, or
-- null for all), with the rows and the files they come from.
-- source: the first folder of source_file (reference, quarterly_reports, request_logs; anything
-- else is 'unrecognized', as in ingest_runs.source).
-- Scope: quarantine.district_code, set at ingestion (data contract v1.1: a quarterly report's
-- rows, .csv or .xlsx, belong to the district of the file; a request-log line to the district of
-- the known space it names; an orphan request to that of its first event naming one); rows with
-- no district (reference files, misnamed files, lines naming no known space) are in scope only
-- when $1 is null.
with attributed as (
    select reason_code, source_file,
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
    select * from attributed where $1 is null or district_code = $1
),

final as (
    select source, reason_code, count(*) as rows, count(distinct source_file) as files
    from scoped
    group by source, reason_code
)

select * from final order by source, rows desc, reason_code
