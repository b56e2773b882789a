-- Grain: one row per quarter (every quarter of kpi_district_quarter), over the districts in scope
-- ($1 = one district, or null for all). Rates are ratios of the summed counts, so a district
-- weighs by its size; satisfaction is the mean over the quarter's requests that have a score.
with kpi as (
    select * from kpi_district_quarter
    where $1 is null or district_code = $1
),

counts as (
    select quarter,
           sum(spaces_operating) as spaces_operating,
           sum(spaces_covered) as spaces_covered,
           sum(onsite_required_weeks) as onsite_required_weeks,
           sum(onsite_compliant_weeks) as onsite_compliant_weeks,
           sum(requests_received) as requests_received,
           sum(feedback_on_time) as feedback_on_time,
           sum(feedback_late) as feedback_late,
           sum(open_overdue) as open_overdue,
           count(*) filter (where report_status = 'ON_TIME') as reports_on_time,
           count(*) filter (where report_status <> 'NOT_DUE') as reports_due,
           sum(groups_undersized) as groups_undersized
    from kpi
    group by quarter
),

satisfaction as (                                    -- by quarter of receipt (calendar_quarters' dates)
    select q.quarter, avg(r.satisfaction) as avg_satisfaction
    from requests as r
    join calendar_quarters as q on r.received_date between q.quarter_start and q.quarter_end
    where $1 is null or r.district_code = $1
    group by q.quarter
),

final as (
    select counts.quarter,
           spaces_covered / nullif(spaces_operating, 0) as coverage_rate,
           onsite_compliant_weeks / nullif(onsite_required_weeks, 0) as onsite_compliance_rate,
           feedback_on_time / nullif(feedback_on_time + feedback_late + open_overdue, 0) as sla_on_time_rate,
           requests_received,
           satisfaction.avg_satisfaction,
           reports_on_time / nullif(reports_due, 0) as reports_on_time_rate,
           open_overdue,
           groups_undersized
    from counts
    left join satisfaction using (quarter)
)

select * from final order by quarter
