-- kpi_district_quarter: one row per district per quarter, from the quarter of :first_day (the
-- earliest of the first request's received_date and the first reported quarter, found by the
-- transform job from the Parquet footers) through the quarter of the as-of date (:as_of).
-- Facts about spaces, assignments and memberships use the days of the quarter up to the as-of
-- date.

with quarter_starts as (
    select explode(sequence(trunc(:first_day, 'QUARTER'), trunc(:as_of, 'QUARTER'), interval 3 months)) as quarter_start
),

quarters as (
    select quarter_start,
           add_months(quarter_start, 3) - 1 as quarter_end,
           concat(year(quarter_start), 'Q', quarter(quarter_start)) as quarter
    from quarter_starts
),

district_quarters as (
    select districts.district_code, quarters.*
    from districts cross join quarters
),

-- Validity ranges are merged into islands (gaps and islands: a row starts a new island when
-- it begins after every earlier row of the same key has ended), so that overlapping or
-- adjacent rows count as one stretch; '2999-12-31' stands for "still valid". The keys:
-- a space's assignments (any group), a (group, space) pair's assignments, and a
-- (group, commissioner) membership.
validity as (
    select 'space' as kind, space_id as key1, '' as key2, valid_from, coalesce(valid_to, date'2999-12-31') as valid_to
    from group_assignments
    union all
    select 'pair', group_id, space_id, valid_from, coalesce(valid_to, date'2999-12-31')
    from group_assignments
    union all
    select 'member', group_id, commissioner_id, valid_from, coalesce(valid_to, date'2999-12-31')
    from group_members
),

islands as (
    select kind, key1, key2, min(valid_from) as from_day, max(valid_to) as to_day
    from (
        select *, sum(case when previous_end is null or valid_from > date_add(previous_end, 1) then 1 else 0 end)
                      over (partition by kind, key1, key2 order by valid_from, valid_to rows unbounded preceding) as island
        from (
            select *, max(valid_to) over (partition by kind, key1, key2 order by valid_from, valid_to
                                          rows between unbounded preceding and 1 preceding) as previous_end
            from validity))
    group by kind, key1, key2, island
),

space_islands as (select key1 as space_id, from_day, to_day from islands where kind = 'space'),
pair_islands as (select key1 as group_id, key2 as space_id, from_day, to_day from islands where kind = 'pair'),
member_islands as (select key1 as group_id, key2 as commissioner_id, from_day, to_day from islands where kind = 'member'),

-- coverage (Art. 6: a mobile service station in every maker space)
space_quarters as (                                  -- the days a space was open in a quarter, up to the as-of date
    select spaces.district_code, spaces.space_id, quarters.quarter,
           greatest(spaces.opened_on, quarters.quarter_start) as open_from,
           least(coalesce(spaces.closed_on, date'2999-12-31'), quarters.quarter_end, :as_of) as open_to
    from maker_spaces as spaces
    cross join quarters
),

coverage as (
    select open.district_code, open.quarter,
           count(distinct open.space_id) as spaces_operating,
           count(distinct island.space_id) as spaces_covered   -- one island spans all its open days
    from space_quarters as open
    left join space_islands as island
        on island.space_id = open.space_id and island.from_day <= open.open_from and island.to_day >= open.open_to
    where open.open_from <= open.open_to
    group by 1, 2
),

-- groups (Art. 6: at least 2 commissioners): the member count changes only where a membership
-- starts or ends; between two changes it is constant
group_district as (
    select group_id, min(district_code) as district_code
    from group_members
    group by 1
),

member_changes as (
    select group_id, day, sum(delta) as delta
    from (
        select group_id, from_day as day, 1 as delta from member_islands
        union all
        select group_id, date_add(to_day, 1) as day, -1 as delta from member_islands where to_day < date'2999-12-31'
    )
    group by 1, 2
),

member_stretches as (
    select group_id, day as from_day,
           coalesce(date_sub(lead(day) over (partition by group_id order by day), 1), date'2999-12-31') as to_day,
           sum(delta) over (partition by group_id order by day rows unbounded preceding) as members
    from member_changes
),

groups as (
    select group_district.district_code, quarters.quarter,
           count(distinct stretches.group_id) as groups_active,
           count(distinct case when stretches.members < 2 then stretches.group_id end) as groups_undersized
    from member_stretches as stretches
    join group_district on group_district.group_id = stretches.group_id
    join quarters
        on stretches.from_day <= least(quarters.quarter_end, :as_of)
        and stretches.to_day >= quarters.quarter_start
    where stretches.members >= 1
    group by 1, 2
),

-- on-site weeks (Art. 6: each group on site at least one working day a week per space)
week_has_working_day as (                            -- weeks start on Monday
    select date_sub(date, (dayofweek(date) + 5) % 7) as week_start, count_if(is_working_day) > 0 as has_working_day
    from work_calendar
    group by 1
),

required_weeks as (                                  -- weeks inside one island that ended by the as-of date
    select group_id, space_id, week_start
    from (
        select group_id, space_id,
               date_add(from_day, (9 - dayofweek(from_day)) % 7) as first_monday,
               date_sub(date_sub(least(to_day, :as_of), dayofweek(least(to_day, :as_of)) - 1), 6) as last_monday
        from pair_islands)
    lateral view explode(sequence(first_monday, greatest(first_monday, last_monday), interval 1 week)) as week_start
    where first_monday <= last_monday
),

counted_sessions as (                                -- sessions of report files submitted by the as-of date
    select sessions.group_id, sessions.space_id,
           date_sub(sessions.session_date, (dayofweek(sessions.session_date) + 5) % 7) as week_start,
           sum(sessions.hours) as hours
    from onsite_sessions as sessions
    join quarterly_reports as reports
        on reports.source_file = sessions.source_file
    where reports.submitted_on <= :as_of and sessions.session_date <= :as_of
    group by 1, 2, 3
),

weeks as (                                           -- a week belongs to the quarter of its Thursday
    select group_district.district_code,
           concat(year(date_add(required_weeks.week_start, 3)), 'Q', quarter(date_add(required_weeks.week_start, 3))) as quarter,
           coalesce(counted_sessions.hours, 0) >= 8 as compliant
    from required_weeks
    join week_has_working_day
        on week_has_working_day.week_start = required_weeks.week_start and week_has_working_day.has_working_day
    join group_district on group_district.group_id = required_weeks.group_id
    left join counted_sessions
        on counted_sessions.group_id = required_weeks.group_id
        and counted_sessions.space_id = required_weeks.space_id
        and counted_sessions.week_start = required_weeks.week_start
),

onsite as (
    select district_code, quarter,
           count(*) as onsite_required_weeks,
           count_if(compliant) as onsite_compliant_weeks
    from weeks
    group by 1, 2
),

-- requests (Art. 7: feedback within 10 working days)
request_stats as (
    select district_code,
           concat(year(received_date), 'Q', quarter(received_date)) as quarter,
           count(*) as requests_received,
           count_if(sla_status = 'ON_TIME') as feedback_on_time,
           count_if(sla_status = 'LATE') as feedback_late,
           count_if(sla_status = 'OPEN_OVERDUE') as open_overdue,
           avg(feedback_working_days) as avg_feedback_working_days,
           avg(satisfaction) as avg_satisfaction
    from requests
    group by 1, 2
),

-- the quarterly report (Art. 8: 每季度末报送), due on the 10th working day after the quarter

due_dates as (
    select quarters.quarter, due.date as due_date
    from quarters
    join work_calendar as last_day on last_day.date = quarters.quarter_end
    join work_calendar as due
        on due.is_working_day
        and due.working_day_number = last_day.working_day_number + 10
),

first_submissions as (
    select district_code, quarter, min(submitted_on) as report_first_submitted_on
    from quarterly_reports
    where submitted_on <= :as_of
    group by 1, 2
),

final as (
    select
        district_quarters.district_code,
        district_quarters.quarter,
        coalesce(coverage.spaces_operating, 0) as spaces_operating,
        coalesce(coverage.spaces_covered, 0) as spaces_covered,
        coverage.spaces_covered / nullif(coverage.spaces_operating, 0) as coverage_rate,
        coalesce(groups.groups_active, 0) as groups_active,
        coalesce(groups.groups_undersized, 0) as groups_undersized,
        coalesce(onsite.onsite_required_weeks, 0) as onsite_required_weeks,
        coalesce(onsite.onsite_compliant_weeks, 0) as onsite_compliant_weeks,
        onsite.onsite_compliant_weeks / nullif(onsite.onsite_required_weeks, 0) as onsite_compliance_rate,
        coalesce(request_stats.requests_received, 0) as requests_received,
        coalesce(request_stats.feedback_on_time, 0) as feedback_on_time,
        coalesce(request_stats.feedback_late, 0) as feedback_late,
        coalesce(request_stats.open_overdue, 0) as open_overdue,
        request_stats.feedback_on_time
            / nullif(request_stats.feedback_on_time + request_stats.feedback_late + request_stats.open_overdue, 0) as sla_on_time_rate,
        request_stats.avg_feedback_working_days,
        request_stats.avg_satisfaction,
        case
            when first_submissions.report_first_submitted_on <= due_dates.due_date then 'ON_TIME'
            when first_submissions.report_first_submitted_on is not null then 'LATE'
            when :as_of > due_dates.due_date then 'MISSING'
            else 'NOT_DUE'
        end as report_status,
        first_submissions.report_first_submitted_on
    from district_quarters
    left join coverage using (district_code, quarter)
    left join groups using (district_code, quarter)
    left join onsite using (district_code, quarter)
    left join request_stats using (district_code, quarter)
    left join due_dates using (quarter)
    left join first_submissions using (district_code, quarter)
)

select * from final
