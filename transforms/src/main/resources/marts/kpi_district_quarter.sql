-- kpi_district_quarter: one row per district per quarter of calendar_quarters (the quarter of
-- :first_day through the quarter of the as-of date :as_of), with the quarter's dates and its
-- report's due date as calendar_quarters has them. It adds up the week, space and group marts
-- (onsite_weeks, space_quarters, group_quarters: each rule in one place) and the requests.

with quarters as (
    select * from calendar_quarters
),

district_quarters as (
    select districts.district_code, quarters.*
    from districts cross join quarters
),

-- coverage (Art. 6: a mobile service station in every maker space): the rows of space_quarters
coverage as (
    select district_code, quarter,
           count(*) as spaces_operating,
           count_if(covered) as spaces_covered
    from space_quarters
    group by 1, 2
),

-- groups (Art. 6: at least 2 commissioners): the rows of group_quarters, whose district is the
-- group's (service_groups)
groups as (
    select district_code, quarter,
           count(*) as groups_active,
           count_if(undersized) as groups_undersized
    from group_quarters
    where district_code is not null
    group by 1, 2
),

-- on-site weeks (Art. 6: each group on site at least one working day a week per space): the
-- rows of onsite_weeks, whose district is the group's
onsite as (
    select district_code, quarter,
           count_if(required) as onsite_required_weeks,
           count_if(compliant) as onsite_compliant_weeks
    from onsite_weeks
    where district_code is not null
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

-- the quarterly report (Art. 8: 每季度末报送), due on calendar_quarters.report_due_date

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
        district_quarters.quarter_start,
        district_quarters.quarter_end,
        district_quarters.report_due_date,
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
            when first_submissions.report_first_submitted_on <= district_quarters.report_due_date then 'ON_TIME'
            when first_submissions.report_first_submitted_on is not null then 'LATE'
            when :as_of > district_quarters.report_due_date then 'MISSING'
            else 'NOT_DUE'
        end as report_status,
        first_submissions.report_first_submitted_on
    from district_quarters
    left join coverage using (district_code, quarter)
    left join groups using (district_code, quarter)
    left join onsite using (district_code, quarter)
    left join request_stats using (district_code, quarter)
    left join first_submissions using (district_code, quarter)
)

select * from final
