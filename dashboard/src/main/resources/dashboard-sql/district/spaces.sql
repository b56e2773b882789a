-- Grain: one row per maker space of district $1 open on at least one day of the quarter $2 (text
-- like 2025Q3) up to the as-of date — the rows of space_quarters, which kpi_district_quarter's
-- spaces_operating counts. A space is covered (Art. 6: a 流动服务站 in every maker space) when the
-- union of its group assignment rows covers every day it was open in that period; the rows where
-- covered is true are the mart's spaces_covered.
select sq.space_id, spaces.name, sq.district_code, spaces.university_hosted,
       spaces.opened_on, spaces.closed_on,
       sq.open_days, sq.covered_days, sq.covered, sq.groups
from space_quarters as sq
join maker_spaces as spaces using (space_id)
where sq.district_code = $1 and sq.quarter = $2
order by sq.space_id
