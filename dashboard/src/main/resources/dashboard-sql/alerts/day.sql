-- Grain: one row (or none, outside the calendar) for the day $1: whether it is a working day and
-- its working_day_number, with the calendar's first and last dates (to name the range in an error).
-- Parameters: $1 the day D (text YYYY-MM-DD).
with bounds as (
    select min(date) as first_date, max(date) as last_date from work_calendar
)

select bounds.first_date, bounds.last_date, day.date, day.is_working_day, day.working_day_number
from bounds
left join work_calendar as day on day.date = $1::date
