-- Grain: one row per channel — the four of Art. 7 (ONSITE, HOTLINE, WEB, WECHAT) always, in that
-- order, then any other found — with the requests received in the quarter $1 (calendar_quarters'
-- dates) in the districts in scope ($2 or null) by 10-working-day status, and the working days to feedback.
with the_quarter as (                                     -- its first and last day
    select quarter_start, quarter_end from calendar_quarters where quarter = $1
),

scoped as (
    select channel, sla_status, feedback_working_days
    from requests, the_quarter
    where received_date between quarter_start and quarter_end and ($2 is null or district_code = $2)
),

channels as (
    select * from (values ('ONSITE', 1), ('HOTLINE', 2), ('WEB', 3), ('WECHAT', 4)) as v(channel, position)
    union
    select distinct channel, 99 from scoped
    where channel not in ('ONSITE', 'HOTLINE', 'WEB', 'WECHAT')
),

final as (
    select ch.channel, ch.position,
           count(r.sla_status) as requests,
           count(*) filter (where r.sla_status = 'ON_TIME') as on_time,
           count(*) filter (where r.sla_status = 'LATE') as late,
           count(*) filter (where r.sla_status = 'OPEN_OVERDUE') as open_overdue,
           count(*) filter (where r.sla_status = 'OPEN_WITHIN_SLA') as open_within_sla,
           avg(r.feedback_working_days) as avg_days,
           quantile_cont(r.feedback_working_days, 0.5) as median_days,
           quantile_cont(r.feedback_working_days, 0.9) as p90_days
    from channels as ch
    left join scoped as r on r.channel = ch.channel
    group by ch.channel, ch.position
)

select channel, requests, on_time, late, open_overdue, open_within_sla, avg_days, median_days, p90_days,
       on_time / nullif(on_time + late + open_overdue, 0) as on_time_rate
from final
order by position, channel
