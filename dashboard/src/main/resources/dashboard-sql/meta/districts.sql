-- The districts a user may see: all of them, or only their own ($1 = the user's district, or null).
select district_code, name_zh, name_en
from districts
where $1 is null or district_code = $1
order by district_code
