-- Data checks of the group_quarters mart. Each check is a query returning the rows that break its
-- rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: group_quarters.unique_group_quarter
-- Each group has at most one row per quarter, with at least one member.
select group_id, quarter, min_members
from (select *, count(*) over (partition by group_id, quarter) as copies from group_quarters)
where min_members < 1 or members_at_end < 1 or len(member_ids) < min_members or copies > 1;

-- check: group_quarters.undersized_below_two
-- A group is undersized exactly when it had fewer than 2 members on a day it had any (Art. 6),
-- and then it names that day and counts at least one such day.
select group_id, quarter, min_members, undersized, first_undersized_day, undersized_days
from group_quarters
where undersized <> (min_members < 2)
   or undersized <> (first_undersized_day is not null)
   or (undersized and undersized_days < 1) or (not undersized and undersized_days <> 0);

-- check: group_quarters.adds_up_to_the_kpi
-- kpi_district_quarter's groups_active and groups_undersized count these rows.
select k.district_code, k.quarter, k.groups_active, k.groups_undersized, g.active, g.undersized
from kpi_district_quarter as k
left join (select district_code, quarter, count(*) as active, count_if(undersized) as undersized
           from group_quarters group by 1, 2) as g using (district_code, quarter)
where k.groups_active <> coalesce(g.active, 0) or k.groups_undersized <> coalesce(g.undersized, 0);
