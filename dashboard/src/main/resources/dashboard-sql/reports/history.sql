-- Grain: one row per submission (file) of district $1's quarterly report for quarter $2 (text
-- like 2025Q3), oldest first: what was received when, how many rows were accepted and rejected,
-- and which submission counts (is_latest: a correction replaces the earlier files). counted:
-- submitted by the as-of date $3 (a later file is in the warehouse but not yet in the KPIs);
-- on_time: submitted by the due date $4 (the 10th working day after the quarter; null if unknown).
select district_code, quarter, submitted_on, source_file, rows_accepted, rows_rejected, is_latest,
       submitted_on <= $3::date as counted,
       submitted_on <= $4::date as on_time
from quarterly_reports
where district_code = $1 and quarter = $2
order by submitted_on, source_file
