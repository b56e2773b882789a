-- Data checks of maker_spaces (reference data). Each check is a query returning the rows that
-- break its rule; it passes when it returns none.

-- check: maker_spaces.unique_space_id
-- Each maker space has exactly one row, and no row lacks a space id.
select space_id, count(*) as copies
from maker_spaces
group by space_id
having count(*) > 1 or space_id is null;

-- check: maker_spaces.district_in_districts
-- Every maker space lies in a district of districts.
select s.space_id, s.district_code
from maker_spaces as s
anti join districts as d on d.district_code = s.district_code;
