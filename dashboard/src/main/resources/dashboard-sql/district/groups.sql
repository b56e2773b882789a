-- Grain: one row per service group (服务小组) of district $1 with at least one member on a day
-- of the quarter $2..$3 (first and last day) up to the as-of date $4 — kpi_district_quarter's
-- groups_active. Art. 6 wants at least 2 commissioners (服务专员) per group: a group is undersized
-- when it had fewer than 2 members on a day of that period on which it had any (the mart's
-- groups_undersized). A group's district is the smallest district_code of its group_members rows.
with group_district as (
    select group_id, min(district_code) as district_code
    from group_members
    group by group_id
),

period_days as (
    select unnest(generate_series($2::date, least($3::date, $4::date), interval 1 day))::date as day
),

memberships as (                                     -- the district's memberships overlapping the period
    select members.group_id, group_district.district_code, members.commissioner_id,
           members.valid_from, members.valid_to
    from group_members as members
    join group_district using (group_id)
    where group_district.district_code = $1
        and members.valid_from <= least($3::date, $4::date)
        and coalesce(members.valid_to, date '2999-12-31') >= $2::date
),

daily as (                                           -- members of each group on each day it had any
    select memberships.group_id, period_days.day, count(distinct memberships.commissioner_id) as members
    from memberships
    join period_days
        on period_days.day between memberships.valid_from and coalesce(memberships.valid_to, date '2999-12-31')
    group by all
),

group_stats as (
    select group_id,
           min(members) as min_members,
           arg_max(members, day) as members_at_end,          -- on the group's last day with a member
           min(day) filter (where members < 2) as first_undersized_day,
           count(*) filter (where members < 2) as undersized_days
    from daily
    group by group_id
),

member_list as (                                     -- everyone who was a member in the period
    select group_members.group_id,
           list(group_members.commissioner_id order by group_members.commissioner_id) as member_ids,
           list(coalesce(commissioners.name, group_members.commissioner_id) order by group_members.commissioner_id) as member_names
    from (select distinct group_id, commissioner_id from memberships) as group_members
    left join commissioners using (commissioner_id)
    group by group_members.group_id
),

space_list as (                                      -- spaces the group was assigned to in the period
    select assignments.group_id, list_sort(list(distinct assignments.space_id)) as spaces
    from group_assignments as assignments
    where assignments.valid_from <= least($3::date, $4::date)
        and coalesce(assignments.valid_to, date '2999-12-31') >= $2::date
    group by assignments.group_id
),

final as (
    select group_stats.group_id, $1 as district_code,
           group_stats.members_at_end, group_stats.min_members,
           group_stats.min_members < 2 as undersized,
           group_stats.first_undersized_day, group_stats.undersized_days,
           member_list.member_ids, member_list.member_names,
           coalesce(space_list.spaces, []::varchar[]) as spaces
    from group_stats
    join member_list using (group_id)
    left join space_list using (group_id)
)

select * from final order by group_id
