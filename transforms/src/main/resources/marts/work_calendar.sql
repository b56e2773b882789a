-- work_calendar: one row per date from :first_day to :last_day.
-- A date is a working day if the calendar lists it as a make-up working day (调休,
-- is_off_day = false), or if it is Monday-Friday and not listed as a day off
-- (the working days of Art. 6 and Art. 7 of 津科创〔2015〕51号).
-- workday_overrides is the project's official calendar merged with the landing zone's file.
-- Besides the contract's two columns, working_day_number makes working-day arithmetic a join.

with days as (
    select explode(sequence(:first_day, :last_day, interval 1 day)) as date
),

flagged as (
    select
        days.date,
        coalesce(not overrides.is_off_day, dayofweek(days.date) between 2 and 6) as is_working_day
    from days
    left join workday_overrides as overrides
        on overrides.date = days.date
),

final as (
    select date, is_working_day,
           -- working days from the first date through this one: the n-th working day after a
           -- date is the working day whose number is the date's number + n
           sum(case when is_working_day then 1 else 0 end) over (order by date) as working_day_number
    from flagged
)

select * from final
