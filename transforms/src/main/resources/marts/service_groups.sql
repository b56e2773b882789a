-- service_groups: one row per service group (服务小组, Art. 6) that has a membership row, with its
-- district. The one place a group's district is decided: the district_code of its group_members
-- rows (the ingestion refuses a group in two districts; the smallest code, should one slip
-- through). onsite_weeks and group_quarters, and so the KPIs and the district page, read it here.

with final as (
    select group_id, min(district_code) as district_code
    from group_members
    group by group_id
)

select * from final
