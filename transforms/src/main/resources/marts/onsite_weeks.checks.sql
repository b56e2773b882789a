-- Data checks of the onsite_weeks mart. Each check is a query returning the rows that break its
-- rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: onsite_weeks.unique_pair_week
-- Each (group, space) pair has at most one row per week, and the week is one of calendar_weeks.
select w.group_id, w.space_id, w.week_start
from onsite_weeks as w
anti join calendar_weeks as c on c.week_start = w.week_start and c.quarter = w.quarter
union all
select group_id, space_id, week_start
from onsite_weeks
group by group_id, space_id, week_start
having count(*) > 1;

-- check: onsite_weeks.status_matches_the_rule
-- The status is one of the contract's and agrees with required and compliant: compliant weeks
-- are required with at least 8 hours; SHORT and AWAITING_REPORT are required and under 8 hours;
-- the others are not required (Art. 6).
select group_id, space_id, week_start, hours, required, compliant, status
from onsite_weeks
where status is null
   or compliant <> (required and hours >= 8)
   or (status = 'COMPLIANT') <> compliant
   or (status in ('SHORT', 'AWAITING_REPORT')) <> (required and not compliant)
   or (status in ('NOT_ENDED', 'NO_WORKING_DAY', 'PARTIAL_ASSIGNMENT')) <> (not required)
   or (required and working_days = 0);

-- check: onsite_weeks.adds_up_to_the_kpi
-- kpi_district_quarter's onsite_required_weeks and onsite_compliant_weeks count these rows
-- (data contract v1.1).
select k.district_code, k.quarter, k.onsite_required_weeks, k.onsite_compliant_weeks, w.required, w.compliant
from kpi_district_quarter as k
left join (select district_code, quarter, count_if(required) as required, count_if(compliant) as compliant
           from onsite_weeks group by 1, 2) as w using (district_code, quarter)
where k.onsite_required_weeks <> coalesce(w.required, 0) or k.onsite_compliant_weeks <> coalesce(w.compliant, 0);
