-- Grain: one row, the requests received in the quarter $1 (calendar_quarters' first through last
-- day) in the districts in scope ($2 = one district, or null for all) by their 10-working-day status (Art. 7), with the working days to
-- feedback of those that have feedback.
with the_quarter as (                                     -- its first and last day
    select quarter_start, quarter_end from calendar_quarters where quarter = $1
),

scoped as (
    select sla_status, feedback_working_days
    from requests, the_quarter
    where received_date between quarter_start and quarter_end and ($2 is null or district_code = $2)
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
