-- Data checks of commissioners (reference data). Each check is a query returning the rows that
-- break its rule; it passes when it returns none.

-- check: commissioners.unique_commissioner_id
-- Each commissioner has exactly one row, and no row lacks a commissioner id.
select commissioner_id, count(*) as copies
from commissioners
group by commissioner_id
having count(*) > 1 or commissioner_id is null;

-- check: commissioners.district_in_districts
-- Every commissioner belongs to a district of districts.
select c.commissioner_id, c.district_code
from commissioners as c
anti join districts as d on d.district_code = c.district_code;
