-- Grain: one row per eligible commissioner of the year $1 who is not on the shortlist, restricted
-- to one district ($2) or all (null), best score first, at most $3 rows: the cap that kept them
-- off (award_candidates.not_shortlisted_reason, with the rule's name and value from award_rules)
-- and by how much (award_candidates.places_behind and points_behind).
with rules as (
    select max(value) filter (where rule = 'max_per_district') as max_per_district,
           max(value) filter (where rule = 'max_total') as max_total
    from award_rules
),

near_misses as (
    select *
    from award_candidates
    where year = $1 and not shortlisted and ($2 is null or district_code = $2)
),

final as (
    select c.commissioner_id, c.name, c.district_code,
           d.name_zh as district_name_zh, d.name_en as district_name_en,
           c.score, c.score_sla, c.score_onsite, c.score_satisfaction, c.score_volume,
           c.requests_handled, c.on_time_rate, c.onsite_hours, c.avg_satisfaction,
           c.eligible_position, c.district_position, c.position_after_district_cap,
           c.not_shortlisted_reason,
           case c.not_shortlisted_reason when 'DISTRICT_CAP' then 'max_per_district' else 'max_total' end as rule,
           case c.not_shortlisted_reason when 'DISTRICT_CAP' then rules.max_per_district else rules.max_total end as rule_value,
           c.places_behind, c.points_behind
    from near_misses as c
    cross join rules
    left join districts as d on d.district_code = c.district_code
)

select * from final
order by eligible_position
limit $3
