-- Grain: one row per service category (Chapter 3, Art. 12: what the commission should buy services
-- for), with the requests received from $1 through $2 in the districts in scope ($3 or null) and
-- how many of them are overdue or were answered late.
select c.category_code, c.name_zh, c.name_en, c.article,
       count(r.request_id) as requests,
       count(r.request_id) filter (where r.sla_status in ('LATE', 'OPEN_OVERDUE')) as late_or_overdue
from service_categories as c
left join requests as r
    on r.category = c.category_code
    and r.received_date between $1 and $2
    and ($3 is null or r.district_code = $3)
group by all
order by requests desc, c.category_code
