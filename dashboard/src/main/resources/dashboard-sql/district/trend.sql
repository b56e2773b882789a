-- Grain: one row per quarter of kpi_district_quarter for district $1, oldest first: the district's
-- trend over quarters (the 区县 page's trend chart), the mart's figures as they are.
select quarter, quarter_start, quarter_end, report_due_date,
       requests_received, open_overdue, sla_on_time_rate, coverage_rate, onsite_compliance_rate, avg_satisfaction
from kpi_district_quarter
where district_code = $1
order by quarter
