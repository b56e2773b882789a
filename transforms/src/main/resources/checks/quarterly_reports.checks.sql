-- Data checks of quarterly_reports (one row per district x quarter submission). Each check is a
-- query returning the rows that break its rule; it passes when it returns none.

-- check: quarterly_reports.one_latest_per_district_quarter
-- Each district and quarter with a submission has exactly one latest submission.
select district_code, quarter, count_if(is_latest) as latest
from quarterly_reports
group by district_code, quarter
having count_if(is_latest) <> 1;
