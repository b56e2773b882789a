-- Data checks of the service_groups mart. Each check is a query returning the rows that break its
-- rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: service_groups.unique_group
-- Each group has one row, with a district of districts.
select g.group_id, g.district_code
from service_groups as g
left join districts as d on d.district_code = g.district_code
where d.district_code is null
   or g.group_id in (select group_id from service_groups group by group_id having count(*) > 1);
