-- The quarters of kpi_district_quarter, newest first, with their state as of the snapshot's as-of
-- date ($1, the snapshot's property as_of, the date the marts were built to):
--   due          the quarterly report's due date (kpi_district_quarter.report_due_date, from
--                calendar_quarters) is on or before the as-of date: a quarter the pages open on;
--   in_progress  the quarter has not ended by the as-of date (calendar_quarters.quarter_end), so
--                its figures are partial and are not compared with a whole quarter.
select k.quarter,
       cast(max(k.report_due_date) as varchar) as report_due_date,
       coalesce(max(k.report_due_date) <= cast($1 as date), false) as due,
       coalesce(max(q.quarter_end) >= cast($1 as date), false) as in_progress
from kpi_district_quarter as k
left join calendar_quarters as q using (quarter)
group by k.quarter
order by k.quarter desc
