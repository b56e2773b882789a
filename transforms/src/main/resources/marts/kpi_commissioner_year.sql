-- kpi_commissioner_year: one row per commissioner per year, for every year from the year of
-- :first_day (the first quarter of kpi_district_quarter) through the as-of date's year (:as_of).
-- Art. 5 (qualification) and Art. 8 (服务绩效档案: the performance record behind the award).

with years as (
    select explode(sequence(year(:first_day), year(:as_of))) as year
),

handled as (                                         -- requests answered in the year
    select feedback_commissioner_id as commissioner_id, year(feedback_date) as year,
           count(*) as requests_handled,
           count_if(sla_status = 'ON_TIME') as on_time,
           avg(satisfaction) as avg_satisfaction
    from requests
    where feedback_commissioner_id is not null
    group by 1, 2
),

counted_sessions as (                                -- sessions of report files submitted by the as-of date
    select sessions.*
    from onsite_sessions as sessions
    join quarterly_reports as reports
        on reports.source_file = sessions.source_file
    where reports.submitted_on <= :as_of and sessions.session_date <= :as_of
),

onsite as (
    select member_id as commissioner_id, year(session_date) as year,
           count(*) as onsite_sessions,
           sum(hours) as onsite_hours
    from counted_sessions
    lateral view explode(member_ids) as member_id
    group by 1, 2
),

first_membership as (
    select commissioner_id, min(valid_from) as first_member_on
    from group_members
    group by 1
),

qualification as (                                   -- Art. 5: department, grassroots experience, 3 years
    select
        c.commissioner_id,
        concat_ws(';',
            case when c.department is null or trim(c.department) = '' then 'NO_DEPARTMENT' end,
            case when c.grassroots_experience is null or not c.grassroots_experience then 'NO_GRASSROOTS_EXPERIENCE' end,
            case when c.career_start_date is null then 'NO_CAREER_START_DATE' end,
            case when m.first_member_on is null then 'NOT_A_GROUP_MEMBER' end,
            case when c.career_start_date is not null and m.first_member_on is not null
                  -- the third anniversary; 29 February + 3 years = 1 March
                  and (case when month(c.career_start_date) = 2 and day(c.career_start_date) = 29
                            then make_date(year(c.career_start_date) + 3, 3, 1)
                            else make_date(year(c.career_start_date) + 3, month(c.career_start_date), day(c.career_start_date))
                       end) > m.first_member_on
                 then 'UNDER_3_YEARS_BEFORE_SERVICE' end
        ) as issues
    from commissioners as c
    left join first_membership as m on m.commissioner_id = c.commissioner_id
),

final as (
    select
        c.commissioner_id,
        years.year,
        c.district_code,
        coalesce(handled.requests_handled, 0) as requests_handled,
        handled.on_time / nullif(handled.requests_handled, 0) as on_time_rate,
        coalesce(onsite.onsite_sessions, 0) as onsite_sessions,
        coalesce(onsite.onsite_hours, 0) as onsite_hours,
        handled.avg_satisfaction,
        qualification.issues = '' as qualified,
        nullif(qualification.issues, '') as qualification_issues
    from commissioners as c
    cross join years
    join qualification on qualification.commissioner_id = c.commissioner_id
    left join handled on handled.commissioner_id = c.commissioner_id and handled.year = years.year
    left join onsite on onsite.commissioner_id = c.commissioner_id and onsite.year = years.year
)

select * from final
