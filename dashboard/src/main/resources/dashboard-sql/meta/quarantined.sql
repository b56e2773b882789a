-- Rows quarantined in the live snapshot that a user may see: all of them ($1 null), or, for a
-- district user, those of their district (quarantine.district_code, set at ingestion: see
-- dashboard-sql/quality/summary.sql).
select count(*) as rows_quarantined
from quarantine
where $1 is null or district_code = $1
