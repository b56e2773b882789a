-- Grain: one row per district and quarter whose quarterly report (季报, Art. 8) is not submitted
-- at the start of day D ($1) and is either
--   DUE_SOON: due on D or at most on the 5th working day after D
--             (due_date >= D and due.working_day_number <= D.working_day_number + $4, the window:
--             AlertService.REPORT_WINDOW working days), or
--   MISSING:  past due (due_date < D).
-- The due date is kpi_district_quarter.report_due_date (the 10th working day after the quarter). Submitted: a quarterly_reports
-- row dated before D and on or before the snapshot's as-of date ($3), as the mart counts them.
-- Quarters: those of kpi_district_quarter (first activity through the as-of date's quarter).
-- working_days_left (DUE_SOON) = due number - D number; working_days_overdue (MISSING) = working
-- days d with due_date < d <= D.
-- Parameters: $1 the day D (text YYYY-MM-DD), $2 district code or null (all), $3 the as-of date,
-- $4 the window in working days.
with today as (
    select working_day_number from work_calendar where date = $1::date
),

due_dates as (
    select quarters.quarter, quarters.report_due_date as due_date, due.working_day_number as due_number
    from (select distinct quarter, report_due_date from kpi_district_quarter) as quarters
    join work_calendar as due on due.date = quarters.report_due_date
),

submitted as (
    select distinct district_code, quarter
    from quarterly_reports
    where submitted_on < $1::date and submitted_on <= $3::date
),

final as (
    select d.district_code, due_dates.quarter, due_dates.due_date,
           case when due_dates.due_date >= $1::date then 'DUE_SOON' else 'MISSING' end as kind,
           case when due_dates.due_date >= $1::date then due_dates.due_number - today.working_day_number end as working_days_left,
           case when due_dates.due_date < $1::date then today.working_day_number - due_dates.due_number end as working_days_overdue
    from districts as d
    cross join due_dates
    cross join today
    left join submitted as s on s.district_code = d.district_code and s.quarter = due_dates.quarter
    where s.quarter is null
      and ($2::varchar is null or d.district_code = $2::varchar)
      and (due_dates.due_date < $1::date or due_dates.due_number <= today.working_day_number + $4)
)

select * from final
order by district_code, due_date, quarter
