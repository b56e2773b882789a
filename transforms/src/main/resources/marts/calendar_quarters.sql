-- calendar_quarters: one row per quarter the KPI marts cover, from the quarter of :first_day (the
-- earliest of the first request's received_date and the first reported quarter, found by the
-- transform job from the Parquet footers) through the quarter of the as-of date (:as_of). The
-- one place a quarter's first and last day and its report's due date are computed: the quarterly
-- report (季报, Art. 8: 每季度末报送) is due on the 10th working day after the quarter's last day.

with quarter_starts as (
    select explode(sequence(trunc(:first_day, 'QUARTER'), trunc(:as_of, 'QUARTER'), interval 3 months)) as quarter_start
),

quarters as (
    select concat(year(quarter_start), 'Q', quarter(quarter_start)) as quarter,
           quarter_start,
           add_months(quarter_start, 3) - 1 as quarter_end
    from quarter_starts
),

final as (                                           -- the n-th working day after a date: its number + n
    select quarters.quarter, quarters.quarter_start, quarters.quarter_end, due.date as report_due_date
    from quarters
    join work_calendar as last_day on last_day.date = quarters.quarter_end
    join work_calendar as due
        on due.is_working_day
        and due.working_day_number = last_day.working_day_number + 10
)

select * from final
