-- Grain: one row, the requests received from $1 through $2 in the districts in scope ($3 = one
-- district, or null for all) by their 10-working-day status (Art. 7), with the working days to
-- feedback of those that have feedback.
with scoped as (
    select sla_status, feedback_working_days
    from requests
    where received_date between $1 and $2 and ($3 is null or district_code = $3)
),

final as (
    select count(*) as requests,
           count(feedback_working_days) as answered,
           count(*) filter (where sla_status = 'ON_TIME') as on_time,
           count(*) filter (where sla_status = 'LATE') as late,
           count(*) filter (where sla_status = 'OPEN_OVERDUE') as open_overdue,
           count(*) filter (where sla_status = 'OPEN_WITHIN_SLA') as open_within_sla,
           avg(feedback_working_days) as avg_days,
           quantile_cont(feedback_working_days, 0.5) as median_days,
           quantile_cont(feedback_working_days, 0.9) as p90_days
    from scoped
)

select *,
       -- the KPI's rate: requests still within their SLA do not count yet
       on_time / nullif(on_time + late + open_overdue, 0) as on_time_rate
from final
