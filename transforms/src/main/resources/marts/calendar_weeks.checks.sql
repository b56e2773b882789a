-- Data checks of the calendar_weeks mart. Each check is a query returning the rows that break its
-- rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: calendar_weeks.monday_to_sunday_in_the_quarter_of_its_thursday
-- Each week runs Monday to Sunday, once, and belongs to the quarter of its Thursday.
select week_start, week_end, quarter
from calendar_weeks
where isodow(week_start) <> 1 or week_end <> week_start + 6
   or quarter <> concat(year(week_start + 3), 'Q', quarter(week_start + 3))
   or week_start in (select week_start from calendar_weeks group by week_start having count(*) > 1);
