-- Grain: one row per district in scope ($2 = one district, or null) for the quarter $1, with the
-- district's names; ranked on the page, so no order here beyond a stable one.
select kpi.district_code, d.name_zh, d.name_en,
       kpi.coverage_rate, kpi.onsite_compliance_rate, kpi.sla_on_time_rate,
       kpi.requests_received, kpi.open_overdue, kpi.avg_satisfaction,
       kpi.groups_undersized, kpi.report_status
from kpi_district_quarter as kpi
join districts as d using (district_code)
where kpi.quarter = $1 and ($2 is null or kpi.district_code = $2)
order by kpi.district_code
