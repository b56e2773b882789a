-- Grain: one row per request still open at the start of day D ($1) whose feedback deadline has
-- passed: deadline_date < D (Art. 7: feedback within 10 working days).
-- working_days_overdue = working days d with deadline_date < d <= D
-- (D.working_day_number - deadline.working_day_number; 0 on a day off right after the deadline).
-- Open at the start of D: as in requests_due.sql.
-- Parameters: $1 the day D (text YYYY-MM-DD), $2 district code or null (all districts).
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
           today.working_day_number - deadline.working_day_number as working_days_overdue
    from open_requests as o
    join work_calendar as deadline on deadline.date = o.deadline_date
    cross join today
    left join service_categories as c on c.category_code = o.category
    where o.deadline_date < $1::date
)

select * from final
order by district_code, working_days_overdue desc, deadline_date, request_id
