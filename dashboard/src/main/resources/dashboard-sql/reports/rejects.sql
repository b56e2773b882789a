-- Grain: one row per reason code of the rejected rows of district $1's quarterly report for
-- quarter $2 in quarantine (only the latest submission is validated into quarantine; an older
-- one's rejects show only as quarterly_reports.rows_rejected).
select quarantine.reason_code, count(*) as rows_rejected, min(quarantine.line_number) as first_line
from quarantine
join quarterly_reports as reports on reports.source_file = quarantine.source_file
where reports.district_code = $1 and reports.quarter = $2
group by quarantine.reason_code
order by rows_rejected desc, quarantine.reason_code
