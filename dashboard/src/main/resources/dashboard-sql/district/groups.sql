-- Grain: one row per service group (服务小组) of district $1 with at least one member on a day of
-- the quarter $2 (text like 2025Q3) up to the as-of date — the rows of group_quarters, which
-- kpi_district_quarter's groups_active counts. Art. 6 wants at least 2 commissioners (服务专员) per
-- group: undersized, first_undersized_day and undersized_days are the mart's (groups_undersized
-- counts the undersized rows). Here only the members' names are joined; figures are named by their
-- catalogue ids.
with groups as (
    select * from group_quarters where district_code = $1 and quarter = $2
),

member_names as (
    select g.group_id,
           list(coalesce(c.name, m.commissioner_id) order by m.commissioner_id) as member_names
    from groups as g
    cross join unnest(g.member_ids) as m(commissioner_id)
    left join commissioners as c on c.commissioner_id = m.commissioner_id
    group by g.group_id
),

final as (
    select g.group_id, g.district_code, g.members_at_end as group_members_at_end, g.min_members as group_min_members,
           g.undersized as group_undersized, g.first_undersized_day as group_first_undersized_day,
           g.undersized_days as group_undersized_days, g.member_ids,
           coalesce(n.member_names, []::varchar[]) as member_names, g.spaces
    from groups as g
    left join member_names as n using (group_id)
)

select * from final order by group_id
