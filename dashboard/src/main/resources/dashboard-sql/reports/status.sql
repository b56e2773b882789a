-- Grain: one row per district × quarter of kpi_district_quarter, for the districts in scope ($1 =
-- one district, or null for all) and the quarters asked for ($2 = one quarter, or null for all),
-- as of $3. The quarterly report (季报, Art. 8: 每季度末报送) is due on the 10th working day after
-- the quarter's last day; report_status and report_first_submitted_on are the mart's (ON_TIME /
-- LATE by the first submission, MISSING, NOT_DUE). Submissions count those dated by the as-of
-- date; the latest is the one whose rows count (quarterly_reports.is_latest).
with kpi as (
    select district_code, quarter, report_status, report_first_submitted_on,
           make_date(cast(substr(quarter, 1, 4) as integer), cast(substr(quarter, 6, 1) as integer) * 3 - 2, 1) as quarter_start
    from kpi_district_quarter
    where ($1 is null or district_code = $1) and ($2 is null or quarter = $2)
),

due_dates as (
    select kpi_quarters.quarter, due.date as due_date
    from (select distinct quarter, cast(quarter_start + interval 3 month - interval 1 day as date) as quarter_end from kpi) as kpi_quarters
    join work_calendar as last_day on last_day.date = kpi_quarters.quarter_end
    join work_calendar as due
        on due.is_working_day
        and due.working_day_number = last_day.working_day_number + 10
),

submissions as (
    select district_code, quarter,
           count(*) as submissions,
           max(submitted_on) as last_submitted_on,
           max(rows_accepted) filter (where is_latest) as latest_rows_accepted,
           max(rows_rejected) filter (where is_latest) as latest_rows_rejected
    from quarterly_reports
    where submitted_on <= $3::date
        and ($1 is null or district_code = $1) and ($2 is null or quarter = $2)
    group by district_code, quarter
),

final as (
    select kpi.district_code, districts.name_zh, districts.name_en, kpi.quarter,
           kpi.report_status, kpi.report_first_submitted_on, due_dates.due_date,
           coalesce(submissions.submissions, 0) as submissions,
           submissions.last_submitted_on,
           submissions.latest_rows_accepted, submissions.latest_rows_rejected
    from kpi
    join districts using (district_code)
    left join due_dates using (quarter)
    left join submissions using (district_code, quarter)
)

select * from final order by district_code, quarter
