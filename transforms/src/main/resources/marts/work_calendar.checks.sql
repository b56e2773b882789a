-- Data checks of the work_calendar mart. Each check is a query returning the rows that break
-- its rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: work_calendar.unique_date
-- Each date has exactly one row, and no row lacks a date.
select date, count(*) as copies
from work_calendar
group by date
having count(*) > 1 or date is null;

-- check: work_calendar.is_working_day_not_null
-- Every date says whether it is a working day.
select date
from work_calendar
where is_working_day is null;
