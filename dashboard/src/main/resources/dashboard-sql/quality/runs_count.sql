-- Grain: one row, the number of ingestion runs in scope ($1 = a district, or null for all; see
-- runs.sql) that runs.sql pages through.
select count(distinct run_id) as total
from ingest_runs
where $1 is null
   or nullif(regexp_extract(source_file, '^quarterly_reports/[0-9]{4}Q[1-4]/([0-9]{6})\.[0-9]{4}-[0-9]{2}-[0-9]{2}\.csv$', 1), '') = $1
