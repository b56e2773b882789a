-- Data checks of the space_quarters mart. Each check is a query returning the rows that break its
-- rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: space_quarters.unique_space_quarter
-- Each space has at most one row per quarter.
select space_id, quarter, count(*) as copies
from space_quarters
group by space_id, quarter
having count(*) > 1 or space_id is null or quarter is null;

-- check: space_quarters.covered_days_within_open_days
-- A space is covered exactly when every one of its open days is, and never more days than open.
select space_id, quarter, open_days, covered_days, covered
from space_quarters
where open_days < 1 or covered_days < 0 or covered_days > open_days or covered <> (covered_days = open_days);

-- check: space_quarters.adds_up_to_the_kpi
-- kpi_district_quarter's spaces_operating and spaces_covered count these rows.
select k.district_code, k.quarter, k.spaces_operating, k.spaces_covered, s.operating, s.covered
from kpi_district_quarter as k
left join (select district_code, quarter, count(*) as operating, count_if(covered) as covered
           from space_quarters group by 1, 2) as s using (district_code, quarter)
where k.spaces_operating <> coalesce(s.operating, 0) or k.spaces_covered <> coalesce(s.covered, 0);
