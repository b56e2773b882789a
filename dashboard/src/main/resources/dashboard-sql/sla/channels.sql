-- Grain: one row per channel — the four of Art. 7 (ONSITE, HOTLINE, WEB, WECHAT) always, in that
-- order, then any other found — with the requests received from $1 through $2 in the districts
-- in scope ($3 or null) by 10-working-day status, and the working days to feedback.
with scoped as (
    select channel, sla_status, feedback_working_days
    from requests
    where received_date between $1 and $2 and ($3 is null or district_code = $3)
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
