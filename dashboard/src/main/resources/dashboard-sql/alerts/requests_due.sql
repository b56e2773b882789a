-- Grain: one row per request still open at the start of day D ($1) whose feedback deadline
-- (requests.deadline_date, the 10th working day after receipt, Art. 7) falls on D or at most on
-- the 2nd working day after D: deadline_date >= D and
-- deadline.working_day_number <= D.working_day_number + $3 (the window: AlertService.REQUEST_WINDOW
-- working days; for a day off, D's number is that of
-- the working day before it, so the window is its next two working days).
-- working_days_left = deadline.working_day_number - D.working_day_number (0: due today).
-- Open at the start of D: received on or before D, and no feedback, or a first feedback dated D or
-- later (only feedback up to the snapshot's as-of date is known).
-- Parameters: $1 the day D (text YYYY-MM-DD), $2 district code or null (all districts), $3 the
-- window in working days.
with today as (
    select working_day_number from work_calendar where date = $1::date
),

open_requests as (
    select request_id, district_code, category, received_date, deadline_date
    from requests
    where received_date <= $1::date
      and (feedback_date is null or feedback_date >= $1::date)
      and ($2::varchar is null or district_code = $2::varchar)
),

final as (
    select o.district_code, o.request_id, o.category,
           c.name_zh as category_name_zh, c.name_en as category_name_en,
           o.received_date, o.deadline_date,
           deadline.working_day_number - today.working_day_number as working_days_left
    from open_requests as o
    join work_calendar as deadline on deadline.date = o.deadline_date
    cross join today
    left join service_categories as c on c.category_code = o.category
    where o.deadline_date >= $1::date
      and deadline.working_day_number <= today.working_day_number + $3
)

select * from final
order by district_code, deadline_date, received_date, request_id
