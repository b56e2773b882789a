-- Grain: one row per maker space of district $1 open on at least one day of the quarter $2..$3
-- (first and last day) up to the as-of date $4 — kpi_district_quarter's spaces_operating. A space
-- is covered (Art. 6: a 流动服务站 in every maker space) when the union of its group assignment
-- rows (any group) covers every day it was open in that period; the rows where covered is true
-- are the mart's spaces_covered.
with operating as (
    select space_id, name, district_code, university_hosted, opened_on, closed_on,
           greatest(opened_on, $2::date) as open_from,
           least(coalesce(closed_on, date '2999-12-31'), $3::date, $4::date) as open_to
    from maker_spaces
    where district_code = $1
),

open_days as (
    select space_id, unnest(generate_series(open_from, open_to, interval 1 day))::date as day
    from operating
    where open_from <= open_to
),

covered_days as (
    select open_days.space_id, count(distinct open_days.day) as covered_days
    from open_days
    join group_assignments as assignments
        on assignments.space_id = open_days.space_id
        and open_days.day between assignments.valid_from and coalesce(assignments.valid_to, date '2999-12-31')
    group by open_days.space_id
),

assigned_groups as (                                 -- groups assigned on a day it was open
    select operating.space_id, list_sort(list(distinct assignments.group_id)) as groups
    from operating
    join group_assignments as assignments
        on assignments.space_id = operating.space_id
        and assignments.valid_from <= operating.open_to
        and coalesce(assignments.valid_to, date '2999-12-31') >= operating.open_from
    group by operating.space_id
),

final as (
    select operating.space_id, operating.name, operating.district_code, operating.university_hosted,
           operating.opened_on, operating.closed_on,
           operating.open_to - operating.open_from + 1 as open_days,
           coalesce(covered_days.covered_days, 0) as covered_days,
           coalesce(covered_days.covered_days, 0) = operating.open_to - operating.open_from + 1 as covered,
           coalesce(assigned_groups.groups, []::varchar[]) as groups
    from operating
    left join covered_days using (space_id)
    left join assigned_groups using (space_id)
    where operating.open_from <= operating.open_to
)

select * from final order by space_id
