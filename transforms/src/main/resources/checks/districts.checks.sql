-- Data checks of districts (reference data). Each check is a query returning the rows that
-- break its rule; it passes when it returns none.

-- check: districts.unique_district_code
-- Each district code has exactly one row, and no row lacks one.
select district_code, count(*) as copies
from districts
group by district_code
having count(*) > 1 or district_code is null;
