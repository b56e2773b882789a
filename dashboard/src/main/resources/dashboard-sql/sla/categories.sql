-- Grain: one row per service category (Art. 4 and 10) with the requests received in the
-- quarter $1 (calendar_quarters' dates) in the districts in scope ($2 or null) by 10-working-day status (Art. 7), and the
-- working days to feedback of those answered (mean, median, 90th percentile; null when none).
with the_quarter as (                                     -- its first and last day
    select quarter_start, quarter_end from calendar_quarters where quarter = $1
),

scoped as (
    select category, sla_status, feedback_working_days
    from requests, the_quarter
    where received_date between quarter_start and quarter_end and ($2 is null or district_code = $2)
),

final as (
    select c.category_code, c.name_zh, c.name_en, c.article,
           count(r.sla_status) as requests,
           count(*) filter (where r.sla_status = 'ON_TIME') as on_time,
           count(*) filter (where r.sla_status = 'LATE') as late,
           count(*) filter (where r.sla_status = 'OPEN_OVERDUE') as open_overdue,
           count(*) filter (where r.sla_status = 'OPEN_WITHIN_SLA') as open_within_sla,
           avg(r.feedback_working_days) as avg_days,
           quantile_cont(r.feedback_working_days, 0.5) as median_days,
           quantile_cont(r.feedback_working_days, 0.9) as p90_days
    from service_categories as c
    left join scoped as r on r.category = c.category_code
    group by c.category_code, c.name_zh, c.name_en, c.article
)

select *, on_time / nullif(on_time + late + open_overdue, 0) as on_time_rate
from final
order by requests desc, category_code
