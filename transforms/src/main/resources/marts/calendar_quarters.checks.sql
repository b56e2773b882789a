-- Data checks of the calendar_quarters mart. Each check is a query returning the rows that break
-- its rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: calendar_quarters.unique_quarter
-- Each quarter has one row, with its dates and its report's due date.
select quarter, count(*) as copies
from calendar_quarters
group by quarter
having count(*) > 1 or quarter is null or max(quarter_start) is null or max(quarter_end) is null or max(report_due_date) is null;

-- check: calendar_quarters.due_on_the_tenth_working_day
-- The report is due on a working day, the 10th after the quarter's last day (Art. 8).
select q.quarter, q.quarter_end, q.report_due_date
from calendar_quarters as q
join work_calendar as last_day on last_day.date = q.quarter_end
join work_calendar as due on due.date = q.report_due_date
where not due.is_working_day or due.working_day_number <> last_day.working_day_number + 10;
