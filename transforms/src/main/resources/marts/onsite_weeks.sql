-- onsite_weeks: one row per (group, space) pair × ISO week of calendar_weeks in which the pair is
-- assigned on at least one day — the week-level facts behind the on-site KPI (Art. 6: each service
-- group at its mobile service station at least one working day, 8 hours, a week). The one place
-- of the rule: kpi_district_quarter counts these rows and the district page's heat map shows them.
--
-- A week is required when the union of the pair's assignment rows covers all 7 days, the week has
-- a working day and it ended by the as-of date (:as_of); it is compliant when, required, the
-- group's sessions at that space dated in the week add up to at least 8 hours (sessions of report
-- files submitted by the as-of date, dated by it; rejected rows count for nothing).
-- status: COMPLIANT; SHORT (required, under 8 hours); AWAITING_REPORT (required, under 8 hours,
-- the district has submitted no report of the week's quarter by the as-of date and it is not yet
-- due); otherwise why nothing is required, in this order: NOT_ENDED, NO_WORKING_DAY,
-- PARTIAL_ASSIGNMENT. A group's district is service_groups'.

with week_range as (
    select min(week_start) as first_monday, max(week_start) as last_monday
    from calendar_weeks
),

assigned_days as (                                   -- per assignment row and week: a 7-bit mask of the days it covers
    select assignments.group_id, assignments.space_id, week_start,
           shiftleft(shiftleft(1, datediff(least(coalesce(assignments.valid_to, date'2999-12-31'), date_add(week_start, 6)),
                                           greatest(assignments.valid_from, week_start)) + 1) - 1,
                     datediff(greatest(assignments.valid_from, week_start), week_start)) as day_mask
    from group_assignments as assignments
    cross join week_range
    lateral view explode(sequence(
        greatest(week_range.first_monday, date_sub(assignments.valid_from, (dayofweek(assignments.valid_from) + 5) % 7)),
        least(week_range.last_monday, coalesce(assignments.valid_to, date'2999-12-31')),
        interval 1 week)) as week_start
    where assignments.valid_from <= date_add(week_range.last_monday, 6)
      and coalesce(assignments.valid_to, date'2999-12-31') >= week_range.first_monday
),

pair_weeks as (                                      -- the union of the pair's rows in each week
    select group_id, space_id, week_start, bit_or(day_mask) as day_mask
    from assigned_days
    group by 1, 2, 3
),

counted_sessions as (
    select sessions.group_id, sessions.space_id,
           date_sub(sessions.session_date, (dayofweek(sessions.session_date) + 5) % 7) as week_start,
           sum(sessions.hours) as hours
    from onsite_sessions as sessions
    join quarterly_reports as reports
        on reports.source_file = sessions.source_file
    where reports.submitted_on <= :as_of and sessions.session_date <= :as_of
    group by 1, 2, 3
),

submitted as (                                       -- districts with a report of the quarter by the as-of date
    select distinct district_code, quarter
    from quarterly_reports
    where submitted_on <= :as_of
),

weeks as (
    select service_groups.district_code, pair_weeks.group_id, pair_weeks.space_id,
           calendar_weeks.week_start, calendar_weeks.week_end, calendar_weeks.quarter, calendar_weeks.working_days,
           cast(coalesce(counted_sessions.hours, 0) as double) as hours,
           pair_weeks.day_mask = 127 as whole_week,
           calendar_weeks.ended,
           submitted.quarter is null and :as_of <= calendar_quarters.report_due_date as awaiting_report
    from pair_weeks
    join calendar_weeks using (week_start)
    join calendar_quarters using (quarter)
    left join service_groups using (group_id)
    left join counted_sessions using (group_id, space_id, week_start)
    left join submitted using (district_code, quarter)
),

final as (
    select district_code, group_id, space_id, week_start, week_end, quarter, working_days, hours,
           whole_week and working_days > 0 and ended as required,
           whole_week and working_days > 0 and ended and hours >= 8 as compliant,
           case
               when not (whole_week and working_days > 0 and ended) then
                   case when not ended then 'NOT_ENDED'
                        when working_days = 0 then 'NO_WORKING_DAY'
                        else 'PARTIAL_ASSIGNMENT' end
               when hours >= 8 then 'COMPLIANT'
               when awaiting_report then 'AWAITING_REPORT'
               else 'SHORT'
           end as status
    from weeks
)

select * from final
