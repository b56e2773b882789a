-- The reference data a quarterly report is checked against (ReportCheck), from the live
-- snapshot's curated tables: one row per membership ('member': group, commissioner, from, to,
-- the group's district), per assignment ('assignment': group, space, from, to) and per known
-- commissioner ('commissioner': its id in key2). No parameters.
with memberships as (
    select 'member' as kind, group_id as key1, commissioner_id as key2, valid_from, valid_to, district_code
    from group_members
),

assignments as (
    select 'assignment' as kind, group_id, space_id, valid_from, valid_to, null
    from group_assignments
),

known as (
    select 'commissioner' as kind, null, commissioner_id, null, null, null
    from commissioners
),

final as (
    select * from memberships
    union all select * from assignments
    union all select * from known
)

select * from final
