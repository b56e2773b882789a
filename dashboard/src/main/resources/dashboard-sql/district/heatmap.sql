-- Grain: one row per (space, week) of district $1's on-site heat map for the quarter $2..$3
-- (first and last day), as of $4. The spaces: the district's spaces open on a day of the quarter
-- up to the as-of date, and any other space its groups were assigned to in these weeks. The
-- weeks: those whose Thursday falls in the quarter.
--
-- The rules are kpi_district_quarter's, so the counts add up to its onsite_* columns: a
-- (group, space) pair is required in a week when the union of the pair's assignment rows covers
-- all 7 days, the week has a working day and it ended by the as-of date; it is compliant when
-- the pair's sessions at that space dated in the week (from report files submitted by the as-of
-- date, sessions dated by it) add up to at least 8 hours. A group's district is the smallest
-- district_code of its group_members rows.
with group_district as (
    select group_id, min(district_code) as district_code
    from group_members
    group by group_id
),

district_groups as (
    select group_id from group_district where district_code = $1
),

thursdays as (
    select unnest(generate_series(
        $2::date + ((11 - isodow($2::date)) % 7)::integer,
        $3::date,
        interval 7 day))::date as thursday
),

weeks as (
    select thursday - 3 as week_start, thursday + 3 as week_end
    from thursdays
),

week_days as (
    select week_start, unnest(generate_series(week_start, week_end, interval 1 day))::date as day
    from weeks
),

week_facts as (
    select weeks.week_start,
           count(*) filter (where calendar.is_working_day) > 0 as has_working_day,
           weeks.week_end <= $4::date as ended
    from weeks
    left join work_calendar as calendar
        on calendar.date between weeks.week_start and weeks.week_end
    group by weeks.week_start, weeks.week_end
),

pair_days as (                                       -- days of each week a pair was assigned
    select assignments.group_id, assignments.space_id, week_days.week_start,
           count(distinct week_days.day) as days_assigned
    from group_assignments as assignments
    join district_groups using (group_id)
    join week_days
        on week_days.day between assignments.valid_from and coalesce(assignments.valid_to, date '2999-12-31')
    group by all
),

counted_sessions as (                                -- hours per pair and week
    select sessions.group_id, sessions.space_id, weeks.week_start, sum(sessions.hours) as hours
    from onsite_sessions as sessions
    join district_groups using (group_id)
    join quarterly_reports as reports
        on reports.source_file = sessions.source_file
    join weeks
        on sessions.session_date between weeks.week_start and weeks.week_end
    where reports.submitted_on <= $4::date and sessions.session_date <= $4::date
    group by all
),

pair_weeks as (
    select pair_days.group_id, pair_days.space_id, pair_days.week_start,
           coalesce(counted_sessions.hours, 0) as hours,
           pair_days.days_assigned = 7 and week_facts.has_working_day and week_facts.ended as required
    from pair_days
    join week_facts using (week_start)
    left join counted_sessions using (group_id, space_id, week_start)
),

spaces as (
    select space_id
    from maker_spaces
    where district_code = $1
        and opened_on <= least($3::date, $4::date)
        and coalesce(closed_on, date '2999-12-31') >= $2::date
    union
    select space_id from pair_days
),

cells as (
    select spaces.space_id, week_facts.week_start, week_facts.has_working_day, week_facts.ended,
           coalesce(sum(pair_weeks.hours), 0) as hours,
           count(*) filter (where pair_weeks.required) as required_pairs,
           count(*) filter (where pair_weeks.required and pair_weeks.hours >= 8) as compliant_pairs,
           coalesce(list_sort(list(pair_weeks.group_id) filter (where pair_weeks.required)), []::varchar[]) as required_groups
    from spaces
    cross join week_facts
    left join pair_weeks
        on pair_weeks.space_id = spaces.space_id and pair_weeks.week_start = week_facts.week_start
    group by all
),

final as (
    select space_id, week_start, hours, required_pairs, compliant_pairs, required_groups,
           case
               when required_pairs > 0 and compliant_pairs = required_pairs then 'COMPLIANT'
               when required_pairs > 0 then 'SHORT'
               when not has_working_day then 'NO_WORKING_DAY'
               when not ended then 'NOT_ENDED'
               else 'NOT_ASSIGNED'
           end as status
    from cells
)

select * from final order by space_id, week_start
