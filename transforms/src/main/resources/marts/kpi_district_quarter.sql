-- kpi_district_quarter: one row per district per quarter, from the earliest quarter holding a
-- request's received_date or a report folder through the quarter of the as-of date (:as_of).
-- Day-based facts (spaces open, assignments, memberships) use the days of the quarter up to
-- the as-of date.

with quarter_starts as (
    select explode(sequence(
        (select trunc(least(
            coalesce((select min(received_date) from requests), :as_of),
            coalesce((select min(to_date(concat(substr(quarter, 1, 4), '-', lpad(cast((cast(substr(quarter, 6, 1) as int) - 1) * 3 + 1 as string), 2, '0'), '-01'))) from quarterly_reports), :as_of)
        ), 'QUARTER')),
        trunc(:as_of, 'QUARTER'),
        interval 3 months)) as quarter_start
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

days as (                                            -- days of each quarter, up to the as-of date
    select work_calendar.date, work_calendar.is_working_day, quarters.quarter
    from work_calendar
    join quarters on work_calendar.date between quarters.quarter_start and quarters.quarter_end
    where work_calendar.date <= :as_of
),

-- coverage (Art. 6: a mobile service station in every maker space)
space_days as (
    select spaces.district_code, spaces.space_id, days.quarter, days.date
    from maker_spaces as spaces
    join days on days.date >= spaces.opened_on and (spaces.closed_on is null or days.date <= spaces.closed_on)
),

assigned_days as (
    select distinct assignments.space_id, days.date
    from group_assignments as assignments
    join days on days.date >= assignments.valid_from and (assignments.valid_to is null or days.date <= assignments.valid_to)
),

space_coverage as (
    select space_days.district_code, space_days.quarter, space_days.space_id,
           count(*) as open_days,
           count(assigned_days.date) as assigned_open_days
    from space_days
    left join assigned_days on assigned_days.space_id = space_days.space_id and assigned_days.date = space_days.date
    group by 1, 2, 3
),

coverage as (
    select district_code, quarter,
           count(*) as spaces_operating,
           count_if(assigned_open_days = open_days) as spaces_covered
    from space_coverage
    group by 1, 2
),

-- groups (Art. 6: at least 2 commissioners)
group_day_members as (
    select members.district_code, members.group_id, days.quarter, days.date,
           count(distinct members.commissioner_id) as members
    from group_members as members
    join days on days.date >= members.valid_from and (members.valid_to is null or days.date <= members.valid_to)
    group by 1, 2, 3, 4
),

groups as (
    select district_code, quarter,
           count(distinct group_id) as groups_active,
           count(distinct case when members < 2 then group_id end) as groups_undersized
    from group_day_members
    group by 1, 2
),

-- on-site weeks (Art. 6: each group on site at least one working day a week per space)
group_district as (
    select group_id, min(district_code) as district_code
    from group_members
    group by 1
),

pair_days as (                                       -- the union of a pair's assignment rows
    select distinct assignments.group_id, assignments.space_id, calendar.date, calendar.is_working_day
    from group_assignments as assignments
    join work_calendar as calendar
        on calendar.date >= assignments.valid_from
        and (assignments.valid_to is null or calendar.date <= assignments.valid_to)
    where calendar.date <= :as_of
),

required_weeks as (
    select group_id, space_id, date_trunc('WEEK', date) as week_start
    from pair_days
    group by 1, 2, 3
    having count(*) = 7                              -- valid on all seven days
       and count_if(is_working_day) > 0              -- the week has a working day
       and date_add(to_date(date_trunc('WEEK', date)), 6) <= :as_of   -- and has ended
),

counted_sessions as (                                -- sessions of report files submitted by the as-of date
    select sessions.group_id, sessions.space_id, sessions.session_date, sessions.hours
    from onsite_sessions as sessions
    join quarterly_reports as reports
        on reports.source_file = sessions.source_file
    where reports.submitted_on <= :as_of and sessions.session_date <= :as_of
),

weeks as (
    select group_district.district_code,
           concat(year(date_add(to_date(required_weeks.week_start), 3)), 'Q', quarter(date_add(to_date(required_weeks.week_start), 3))) as quarter,
           coalesce(sum(counted_sessions.hours), 0) >= 8 as compliant
    from required_weeks
    join group_district on group_district.group_id = required_weeks.group_id
    left join counted_sessions
        on counted_sessions.group_id = required_weeks.group_id
        and counted_sessions.space_id = required_weeks.space_id
        and date_trunc('WEEK', counted_sessions.session_date) = required_weeks.week_start
    group by required_weeks.group_id, required_weeks.space_id, required_weeks.week_start, group_district.district_code
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
calendar as (
    select date, is_working_day,
           sum(case when is_working_day then 1 else 0 end) over (order by date) as working_day_number
    from work_calendar
),

due_dates as (
    select quarters.quarter, due.date as due_date
    from quarters
    join calendar as last_day on last_day.date = quarters.quarter_end
    join calendar as due
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
