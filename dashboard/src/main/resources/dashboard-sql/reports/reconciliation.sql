-- Grain: one row per district in scope ($3 = one district, or null for all) for quarter $1 (text
-- like 2025Q3; its first and last day are calendar_quarters'), as of $2: what the district
-- reported against what the request logs show. reported_onsite: the sum of requests_received
-- over the on-site sessions (现场办公, Art. 6) of its quarterly report (季报, Art. 8) — the latest submission's accepted
-- rows, if it was submitted by the as-of date; null when no report counts yet. logged_onsite:
-- requests received in the quarter through the ONSITE channel at the district's spaces (Art. 7
-- 需求受理记录). difference = reported − logged; difference_large: the gap is more than
-- 5% of the logged requests (of 1 when none were logged), which the page marks in red.
with reported as (
    select sessions.district_code,
           count(*) as sessions,
           sum(sessions.requests_received) as reported_onsite
    from onsite_sessions as sessions
    join quarterly_reports as reports on reports.source_file = sessions.source_file
    where sessions.quarter = $1 and reports.is_latest and reports.submitted_on <= $2::date
    group by sessions.district_code
),

report_counted as (                                  -- a latest submission by the as-of date, even if all rows were rejected
    select district_code
    from quarterly_reports
    where quarter = $1 and is_latest and submitted_on <= $2::date
),

logged as (
    select district_code, count(*) as logged_onsite
    from requests
    join calendar_quarters as q on q.quarter = $1 and received_date between q.quarter_start and q.quarter_end
    where channel = 'ONSITE'
    group by district_code
),

compared as (
    select districts.district_code, districts.name_zh, districts.name_en, kpi.quarter, kpi.report_status,
           report_counted.district_code is not null as report_counted,
           coalesce(reported.sessions, 0) as sessions,
           case when report_counted.district_code is not null then coalesce(reported.reported_onsite, 0) end as reported_onsite,
           coalesce(logged.logged_onsite, 0) as logged_onsite,
           case when report_counted.district_code is not null
                then coalesce(reported.reported_onsite, 0) - coalesce(logged.logged_onsite, 0) end as difference
    from districts
    join kpi_district_quarter as kpi on kpi.district_code = districts.district_code and kpi.quarter = $1
    left join report_counted on report_counted.district_code = districts.district_code
    left join reported on reported.district_code = districts.district_code
    left join logged on logged.district_code = districts.district_code
    where $3 is null or districts.district_code = $3
),

final as (
    select *,
           abs(difference) > 0.05 * greatest(1, logged_onsite) as difference_large
    from compared
)

select * from final order by district_code
