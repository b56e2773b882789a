-- Data checks of ingest_runs, the ingest's manifest (one row per landing file per run). Each
-- check is a query returning the rows that break its rule; it passes when it returns none.

-- check: ingest_runs.rows_balance
-- For every file, the rows read equal the rows accepted plus quarantined plus the duplicates dropped.
select run_id, source_file, rows_read, rows_accepted, rows_quarantined, duplicates_dropped
from ingest_runs
where rows_read <> rows_accepted + rows_quarantined + duplicates_dropped;

-- check: ingest_runs.counts_not_negative
-- No count of rows and no file size is negative.
select run_id, source_file, size_bytes, rows_read, rows_accepted, rows_quarantined, duplicates_dropped
from ingest_runs
where size_bytes < 0 or rows_read < 0 or rows_accepted < 0 or rows_quarantined < 0 or duplicates_dropped < 0;

-- check: ingest_runs.accepted_source_and_action
-- The source is reference, quarterly_reports or request_logs, and the action NEW, CHANGED, REPROCESSED or REMOVED.
select run_id, source_file, source, action
from ingest_runs
where source not in ('reference', 'quarterly_reports', 'request_logs') or source is null
   or action not in ('NEW', 'CHANGED', 'REPROCESSED', 'REMOVED') or action is null;

-- check: ingest_runs.one_row_per_file_per_run
-- A run records each landing file once.
select run_id, source_file, count(*) as copies
from ingest_runs
group by run_id, source_file
having count(*) > 1;
