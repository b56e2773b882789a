-- space_quarters: one row per maker space per quarter of calendar_quarters in which the space was
-- open on at least one day up to the as-of date (:as_of) — kpi_district_quarter's
-- spaces_operating counts these rows, spaces_covered those with covered. Art. 6: a mobile service
-- station (流动服务站) in every maker space.
--
-- open_from..open_to: the days the space was open in the quarter, up to the as-of date. A space's
-- assignment rows (any group) are merged into islands (gaps and islands: a row starts a new island
-- when it begins after every earlier row has ended, so overlapping or adjacent rows are one
-- stretch; '2999-12-31' stands for "still valid"); covered_days = the open days inside an island;
-- covered = every open day is (one island spans them all). groups: the groups assigned on an open
-- day.

with open_days as (
    select spaces.district_code, spaces.space_id, quarters.quarter,
           greatest(spaces.opened_on, quarters.quarter_start) as open_from,
           least(coalesce(spaces.closed_on, date'2999-12-31'), quarters.quarter_end, :as_of) as open_to
    from maker_spaces as spaces
    cross join calendar_quarters as quarters
),

open_quarters as (
    select * from open_days where open_from <= open_to
),

assignments as (
    select space_id, group_id, valid_from, coalesce(valid_to, date'2999-12-31') as valid_to
    from group_assignments
),

islands as (
    select space_id, min(valid_from) as from_day, max(valid_to) as to_day
    from (
        select *, sum(case when previous_end is null or valid_from > date_add(previous_end, 1) then 1 else 0 end)
                      over (partition by space_id order by valid_from, valid_to rows unbounded preceding) as island
        from (
            select *, max(valid_to) over (partition by space_id order by valid_from, valid_to
                                          rows between unbounded preceding and 1 preceding) as previous_end
            from assignments))
    group by space_id, island
),

covered_days as (                                    -- islands are disjoint: their overlaps add up
    select open.space_id, open.quarter,
           sum(datediff(least(island.to_day, open.open_to), greatest(island.from_day, open.open_from)) + 1) as covered_days
    from open_quarters as open
    join islands as island
        on island.space_id = open.space_id and island.from_day <= open.open_to and island.to_day >= open.open_from
    group by 1, 2
),

assigned_groups as (
    select open.space_id, open.quarter, array_sort(collect_set(a.group_id)) as groups
    from open_quarters as open
    join assignments as a
        on a.space_id = open.space_id and a.valid_from <= open.open_to and a.valid_to >= open.open_from
    group by 1, 2
),

final as (
    select open.district_code, open.space_id, open.quarter, open.open_from, open.open_to,
           datediff(open.open_to, open.open_from) + 1 as open_days,
           cast(coalesce(covered_days.covered_days, 0) as int) as covered_days,
           coalesce(covered_days.covered_days, 0) = datediff(open.open_to, open.open_from) + 1 as covered,
           coalesce(assigned_groups.groups, array()) as groups
    from open_quarters as open
    left join covered_days using (space_id, quarter)
    left join assigned_groups using (space_id, quarter)
)

select * from final
