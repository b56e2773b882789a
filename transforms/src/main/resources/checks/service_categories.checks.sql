-- Data checks of service_categories (reference data). Each check is a query returning the rows
-- that break its rule; it passes when it returns none.

-- check: service_categories.unique_category_code
-- Each service category has exactly one row, and no row lacks a code.
select category_code, count(*) as copies
from service_categories
group by category_code
having count(*) > 1 or category_code is null;
