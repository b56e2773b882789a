-- Grain: the submission of district $1's quarterly report for quarter $2 (text like 2025Q3) whose
-- rows count (quarterly_reports.is_latest: a later file replaces the earlier ones), if any: a new
-- upload for the same district and quarter replaces it.
select cast(submitted_on as varchar) as submitted_on, source_file, rows_accepted, rows_rejected
from quarterly_reports
where district_code = $1 and quarter = $2 and is_latest
order by submitted_on desc, source_file desc
limit 1
