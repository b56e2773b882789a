-- Data checks of the kpi_district_quarter mart. Each check is a query returning the rows that
-- break its rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: kpi_district_quarter.unique_district_quarter
-- Each district and quarter has exactly one row, and no row lacks either.
select district_code, quarter, count(*) as copies
from kpi_district_quarter
group by district_code, quarter
having count(*) > 1 or district_code is null or quarter is null;

-- check: kpi_district_quarter.every_district_every_quarter
-- Every district of districts has a row for every quarter the mart covers.
select d.district_code, q.quarter
from districts as d
cross join (select distinct quarter from kpi_district_quarter) as q
anti join kpi_district_quarter as k on k.district_code = d.district_code and k.quarter = q.quarter;

-- check: kpi_district_quarter.district_in_districts
-- Every row's district is a district of districts.
select k.district_code, k.quarter
from kpi_district_quarter as k
anti join districts as d on d.district_code = k.district_code;

-- check: kpi_district_quarter.accepted_report_status
-- The report status is ON_TIME, LATE, MISSING or NOT_DUE, never null.
select district_code, quarter, report_status
from kpi_district_quarter
where report_status not in ('ON_TIME', 'LATE', 'MISSING', 'NOT_DUE') or report_status is null;

-- check: kpi_district_quarter.submitted_report_has_date
-- A report ON_TIME or LATE has its first submission date.
select district_code, quarter, report_status, report_first_submitted_on
from kpi_district_quarter
where report_status in ('ON_TIME', 'LATE') and report_first_submitted_on is null;

-- check: kpi_district_quarter.outcomes_within_received
-- On-time, late and open-overdue requests together are no more than the requests received.
select district_code, quarter, requests_received, feedback_on_time, feedback_late, open_overdue
from kpi_district_quarter
where feedback_on_time + feedback_late + open_overdue > requests_received;

-- check: kpi_district_quarter.parts_within_wholes
-- Covered spaces, compliant weeks and undersized groups never exceed operating spaces, required weeks and active groups.
select district_code, quarter, spaces_covered, spaces_operating, onsite_compliant_weeks, onsite_required_weeks,
       groups_undersized, groups_active
from kpi_district_quarter
where spaces_covered > spaces_operating
   or onsite_compliant_weeks > onsite_required_weeks
   or groups_undersized > groups_active;

-- check: kpi_district_quarter.rates_within_0_1
-- Coverage, on-site compliance and on-time rates lie within [0, 1] when set.
select district_code, quarter, coverage_rate, onsite_compliance_rate, sla_on_time_rate
from kpi_district_quarter
where coverage_rate not between 0 and 1
   or onsite_compliance_rate not between 0 and 1
   or sla_on_time_rate not between 0 and 1;

-- check: kpi_district_quarter.requests_received_reconcile
-- The requests received over all districts and quarters add up to the rows of requests.
select k.received_in_kpi, r.requests
from (select coalesce(sum(requests_received), 0) as received_in_kpi from kpi_district_quarter) as k
cross join (select count(*) as requests from requests) as r
where k.received_in_kpi <> r.requests;
