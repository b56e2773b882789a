-- Rows quarantined in the live snapshot that a user may see: all of them ($1 null), or, for a
-- district user, those of their district's quarterly-report files (the ruling of the data-quality
-- page: see dashboard-sql/quality/summary.sql).
select count(*) as rows_quarantined
from quarantine
where $1 is null
   or regexp_extract(source_file, '^quarterly_reports/[0-9]{4}Q[1-4]/([0-9]{6})\.[0-9]{4}-[0-9]{2}-[0-9]{2}\.csv$', 1) = $1
