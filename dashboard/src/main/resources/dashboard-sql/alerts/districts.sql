-- Grain: one row per district in scope ($1: a district code, or null for all), by code.
-- Parameters: $1 district code or null.
select district_code, name_zh, name_en
from districts
where $1::varchar is null or district_code = $1::varchar
order by district_code
