-- Grain: one row per week (Monday to Sunday) of the quarter $1..$2 (first and last day), as of
-- $3: the weeks whose Thursday falls in the quarter (kpi_district_quarter's rule, so a week
-- straddling two quarters belongs to one of them). A week requires on-site duty (Art. 6,
-- 每周不少于1个工作日) only if it has a working day and had ended by the as-of date.
with thursdays as (
    select unnest(generate_series(
        $1::date + ((11 - isodow($1::date)) % 7)::integer,   -- the quarter's first Thursday
        $2::date,
        interval 7 day))::date as thursday
),

weeks as (
    select thursday - 3 as week_start, thursday + 3 as week_end
    from thursdays
),

working_days as (
    select weeks.week_start, count(*) filter (where calendar.is_working_day) as working_days
    from weeks
    left join work_calendar as calendar
        on calendar.date between weeks.week_start and weeks.week_end
    group by weeks.week_start
),

final as (
    select weeks.week_start, weeks.week_end,
           working_days.working_days,
           working_days.working_days > 0 as has_working_day,
           weeks.week_end <= $3::date as ended
    from weeks
    join working_days using (week_start)
)

select * from final order by week_start
