-- calendar_weeks: one row per ISO week (Monday to Sunday) whose Thursday falls in a quarter of
-- calendar_quarters — a week belongs to the quarter of its Thursday — with its working days and
-- whether it had ended by the as-of date (:as_of). The weeks of the on-site rule (Art. 6,
-- 每周不少于1个工作日): onsite_weeks and every page that shows weeks read them here.

with thursdays as (                                  -- dayofweek: Sunday 1 ... Thursday 5
    select explode(sequence(date_add(first_day, (12 - dayofweek(first_day)) % 7), last_day, interval 1 week)) as thursday
    from (select min(quarter_start) as first_day, max(quarter_end) as last_day from calendar_quarters)
),

weeks as (
    select date_sub(thursday, 3) as week_start,
           date_add(thursday, 3) as week_end,
           concat(year(thursday), 'Q', quarter(thursday)) as quarter
    from thursdays
),

working_days as (                                    -- a date's Monday: back (dayofweek + 5) % 7 days
    select date_sub(date, (dayofweek(date) + 5) % 7) as week_start, count_if(is_working_day) as working_days
    from work_calendar
    group by 1
),

final as (
    select weeks.week_start, weeks.week_end, weeks.quarter,
           cast(working_days.working_days as int) as working_days,
           weeks.week_end <= :as_of as ended
    from weeks
    join working_days using (week_start)
)

select * from final
