-- Grain: one row per (space, week) of district $1's on-site heat map for the quarter $2 (text like
-- 2025Q3). The spaces: the district's spaces open on a day of the quarter up to the as-of date
-- (space_quarters), and any other space its groups were assigned to in these weeks. The weeks:
-- calendar_weeks of the quarter.
--
-- The facts are onsite_weeks' (one row per group × space × week, the rule of Art. 6 in one
-- place), so the counts add up to kpi_district_quarter's onsite_* columns: required_pairs and
-- compliant_pairs count its rows with required and compliant. A cell's status: COMPLIANT when
-- every required group is compliant; SHORT when one is short; AWAITING_REPORT when a required
-- group's hours wait for a report not yet due; else the status of its groups' weeks (NOT_ENDED,
-- NO_WORKING_DAY, PARTIAL_ASSIGNMENT, in that order), or NOT_ASSIGNED when no group was assigned.
with pair_weeks as (
    select space_id, week_start, group_id, hours, required, compliant, status
    from onsite_weeks
    where district_code = $1 and quarter = $2
),

weeks as (
    select week_start from calendar_weeks where quarter = $2
),

spaces as (
    select space_id from space_quarters where district_code = $1 and quarter = $2
    union
    select space_id from pair_weeks
),

cells as (
    select spaces.space_id, weeks.week_start,
           coalesce(sum(pair_weeks.hours), 0) as hours,
           count(*) filter (where pair_weeks.required) as required_pairs,
           count(*) filter (where pair_weeks.compliant) as compliant_pairs,
           count(*) filter (where pair_weeks.status = 'SHORT') as short_pairs,
           count(*) filter (where pair_weeks.status = 'AWAITING_REPORT') as awaiting_pairs,
           min(case pair_weeks.status when 'NOT_ENDED' then 1 when 'NO_WORKING_DAY' then 2 when 'PARTIAL_ASSIGNMENT' then 3 end) as free_reason,
           coalesce(list_sort(list(pair_weeks.group_id) filter (where pair_weeks.required)), []::varchar[]) as required_groups
    from spaces
    cross join weeks
    left join pair_weeks
        on pair_weeks.space_id = spaces.space_id and pair_weeks.week_start = weeks.week_start
    group by all
),

final as (
    select space_id, week_start, hours, required_pairs, compliant_pairs, required_groups,
           case
               when required_pairs > 0 and compliant_pairs = required_pairs then 'COMPLIANT'
               when short_pairs > 0 then 'SHORT'
               when awaiting_pairs > 0 then 'AWAITING_REPORT'
               when free_reason = 1 then 'NOT_ENDED'
               when free_reason = 2 then 'NO_WORKING_DAY'
               when free_reason = 3 then 'PARTIAL_ASSIGNMENT'
               else 'NOT_ASSIGNED'
           end as status
    from cells
)

select * from final order by space_id, week_start
