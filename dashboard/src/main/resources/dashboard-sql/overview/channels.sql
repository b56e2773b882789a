-- Grain: one row per channel (on-site, hotline, web, WeChat: Art. 7) of the requests received
-- from $1 through $2 in the districts in scope ($3 or null).
select channel, count(*) as requests
from requests
where received_date between $1 and $2 and ($3 is null or district_code = $3)
group by channel
order by requests desc, channel
