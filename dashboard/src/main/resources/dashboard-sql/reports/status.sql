-- Grain: one row per district × quarter of kpi_district_quarter, for the districts in scope ($1 =
-- one district, or null for all) and the quarters asked for ($2 = one quarter, or null for all),
-- as of $3. The quarterly report (季报, Art. 8: 每季度末报送): its due date, report_status and
-- report_first_submitted_on are the mart's (report_due_date: the 10th working day after the
-- quarter; ON_TIME / LATE by the first submission, MISSING, NOT_DUE). Submissions count those
-- dated by the as-of date; the latest is the one whose rows count (quarterly_reports.is_latest).
with kpi as (
    select district_code, quarter, report_status, report_first_submitted_on, report_due_date as due_date
    from kpi_district_quarter
    where ($1 is null or district_code = $1) and ($2 is null or quarter = $2)
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
           kpi.report_status, kpi.report_first_submitted_on, kpi.due_date,
           coalesce(submissions.submissions, 0) as submissions,
           submissions.last_submitted_on,
           submissions.latest_rows_accepted, submissions.latest_rows_rejected
    from kpi
    join districts using (district_code)
    left join submissions using (district_code, quarter)
)

select * from final order by district_code, quarter
