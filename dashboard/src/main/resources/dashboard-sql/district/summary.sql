-- Grain: one row, district $1 in quarter $2 (text like 2025Q3): its names and its
-- kpi_district_quarter figures (the cards at the top of the district page).
select districts.district_code, districts.name_zh, districts.name_en,
       kpi.spaces_operating, kpi.spaces_covered, kpi.coverage_rate,
       kpi.groups_active, kpi.groups_undersized,
       kpi.onsite_required_weeks, kpi.onsite_compliant_weeks, kpi.onsite_compliance_rate,
       kpi.requests_received, kpi.open_overdue, kpi.sla_on_time_rate, kpi.avg_satisfaction,
       kpi.report_status
from districts
join kpi_district_quarter as kpi using (district_code)
where districts.district_code = $1 and kpi.quarter = $2
