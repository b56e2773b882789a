-- Grain: one row per service category (Chapter 3, Art. 12: what the commission should buy services
-- for), with the requests received in the quarter $1 (calendar_quarters' dates) in the districts in scope ($2 or null) and
-- how many of them are overdue or were answered late.
select c.category_code, c.name_zh, c.name_en, c.article,
       count(r.request_id) as requests,
       count(r.request_id) filter (where r.sla_status in ('LATE', 'OPEN_OVERDUE')) as late_or_overdue
from service_categories as c
cross join (select quarter_start, quarter_end from calendar_quarters where quarter = $1) as q
left join requests as r
    on r.category = c.category_code
    and r.received_date between q.quarter_start and q.quarter_end
    and ($2 is null or r.district_code = $2)
group by all
order by requests desc, c.category_code
