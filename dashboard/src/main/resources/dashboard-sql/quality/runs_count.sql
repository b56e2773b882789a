-- Grain: one row, the number of ingestion runs in scope ($1 = a district, or null for all; see
-- runs.sql for the attribution) that runs.sql pages through.
select count(distinct run_id) as total
from ingest_runs
where $1 is null
   or source_file in (select source_file from quarterly_reports where district_code = $1)
