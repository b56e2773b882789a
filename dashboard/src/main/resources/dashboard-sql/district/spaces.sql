-- Grain: one row per maker space of district $1 open on at least one day of the quarter $2 (text
-- like 2025Q3) up to the as-of date — the rows of space_quarters, which kpi_district_quarter's
-- spaces_operating counts. A space is covered (Art. 6: a 流动服务站 in every maker space) when the
-- union of its group assignment rows covers every day it was open in that period; the rows where
-- space_covered is true are the mart's spaces_covered. Its on-site weeks are onsite_weeks' rows of
-- the district's groups at the space (the heat map's facts, summed over the quarter's weeks): null
-- when no group of the district was assigned there. Figures are named by their catalogue ids.
with space_weeks as (
    select space_id,
           count(*) filter (where required) as onsite_required_weeks,
           count(*) filter (where compliant) as onsite_compliant_weeks,
           sum(hours) as onsite_hours
    from onsite_weeks
    where district_code = $1 and quarter = $2
    group by space_id
),

final as (
    select sq.space_id, spaces.name as space_name, sq.district_code, spaces.university_hosted,
           spaces.opened_on, spaces.closed_on,
           sq.open_days as space_open_days, sq.covered_days as space_covered_days, sq.covered as space_covered, sq.groups,
           w.onsite_required_weeks, w.onsite_compliant_weeks, coalesce(w.onsite_hours, 0) as onsite_hours
    from space_quarters as sq
    join maker_spaces as spaces using (space_id)
    left join space_weeks as w using (space_id)
    where sq.district_code = $1 and sq.quarter = $2
)

select * from final order by space_id
