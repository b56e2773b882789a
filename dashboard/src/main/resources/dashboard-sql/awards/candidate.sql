-- Grain: one row (or none: not eligible), commissioner $1 in year $2 of award_candidates (the
-- score and its components, the positions, shortlisted or why not — the mart's), with the number
-- of eligible commissioners of the year.
select c.*, (select count(*) from award_candidates where year = $2) as eligible_count
from award_candidates as c
where c.commissioner_id = $1 and c.year = $2
