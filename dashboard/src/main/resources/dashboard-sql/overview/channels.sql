-- Grain: one row per channel (on-site, hotline, web, WeChat: Art. 7) of the requests received
-- in the quarter $1 (calendar_quarters' dates) in the districts in scope ($2 or null).
select channel, count(*) as requests
from requests
join calendar_quarters as q on q.quarter = $1 and received_date between q.quarter_start and q.quarter_end
where $2 is null or district_code = $2
group by channel
order by requests desc, channel
