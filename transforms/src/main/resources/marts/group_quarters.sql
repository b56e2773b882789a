-- group_quarters: one row per service group (服务小组) per quarter of calendar_quarters in which it
-- had at least one member on a day up to the as-of date (:as_of) — kpi_district_quarter's
-- groups_active counts these rows, groups_undersized those with undersized. Art. 6: at least 2
-- service commissioners (服务专员) per group; a group is undersized when it had fewer than 2
-- members on a day of the quarter on which it had any.
--
-- A (group, commissioner) membership's rows are merged into islands (as in space_quarters); the
-- member count changes only where an island starts or ends, and between two changes it is
-- constant (a stretch). The district is service_groups'. member_ids: everyone who was a member on
-- a day of the quarter; spaces: the spaces it was assigned to on one.

with memberships as (
    select group_id, commissioner_id, valid_from, coalesce(valid_to, date'2999-12-31') as valid_to
    from group_members
),

member_islands as (
    select group_id, commissioner_id, min(valid_from) as from_day, max(valid_to) as to_day
    from (
        select *, sum(case when previous_end is null or valid_from > date_add(previous_end, 1) then 1 else 0 end)
                      over (partition by group_id, commissioner_id order by valid_from, valid_to rows unbounded preceding) as island
        from (
            select *, max(valid_to) over (partition by group_id, commissioner_id order by valid_from, valid_to
                                          rows between unbounded preceding and 1 preceding) as previous_end
            from memberships))
    group by group_id, commissioner_id, island
),

member_changes as (
    select group_id, day, sum(delta) as delta
    from (
        select group_id, from_day as day, 1 as delta from member_islands
        union all
        select group_id, date_add(to_day, 1) as day, -1 as delta from member_islands where to_day < date'2999-12-31'
    )
    group by 1, 2
),

member_stretches as (
    select group_id, day as from_day,
           coalesce(date_sub(lead(day) over (partition by group_id order by day), 1), date'2999-12-31') as to_day,
           sum(delta) over (partition by group_id order by day rows unbounded preceding) as members
    from member_changes
),

quarter_stretches as (                               -- the stretches with a member, clipped to the quarter up to the as-of date
    select stretches.group_id, quarters.quarter, stretches.members,
           greatest(stretches.from_day, quarters.quarter_start) as from_day,
           least(stretches.to_day, quarters.quarter_end, :as_of) as to_day
    from member_stretches as stretches
    join calendar_quarters as quarters
        on stretches.from_day <= least(quarters.quarter_end, :as_of)
        and stretches.to_day >= quarters.quarter_start
    where stretches.members >= 1
),

stats as (
    select group_id, quarter,
           min(members) as min_members,
           max_by(members, from_day) as members_at_end,    -- on the group's last day with a member
           min(case when members < 2 then from_day end) as first_undersized_day,
           sum(case when members < 2 then datediff(to_day, from_day) + 1 else 0 end) as undersized_days
    from quarter_stretches
    group by 1, 2
),

member_lists as (                                    -- everyone who was a member on a day of the quarter (up to the as-of date)
    select islands.group_id, quarters.quarter, array_sort(collect_set(islands.commissioner_id)) as member_ids
    from member_islands as islands
    join calendar_quarters as quarters
        on islands.from_day <= least(quarters.quarter_end, :as_of)
        and islands.to_day >= quarters.quarter_start
    group by 1, 2
),

space_lists as (                                     -- the spaces it was assigned to in the quarter (up to the as-of date)
    select assignments.group_id, quarters.quarter, array_sort(collect_set(assignments.space_id)) as spaces
    from group_assignments as assignments
    join calendar_quarters as quarters
        on assignments.valid_from <= least(quarters.quarter_end, :as_of)
        and coalesce(assignments.valid_to, date'2999-12-31') >= quarters.quarter_start
    group by 1, 2
),

final as (
    select service_groups.district_code, stats.group_id, stats.quarter,
           cast(stats.min_members as int) as min_members,
           cast(stats.members_at_end as int) as members_at_end,
           stats.min_members < 2 as undersized,
           stats.first_undersized_day,
           cast(stats.undersized_days as int) as undersized_days,
           member_lists.member_ids,
           coalesce(space_lists.spaces, array()) as spaces
    from stats
    left join service_groups using (group_id)
    left join member_lists using (group_id, quarter)
    left join space_lists using (group_id, quarter)
)

select * from final
