-- Grain: one row per eligible commissioner of the year $1 who is not on the shortlist, restricted
-- to one district ($2) or all (null), best score first, at most $3 rows: the cap that kept them
-- off (not_shortlisted_reason, with the rule's value) and by how much — places and points behind
-- the last one that cap let through (the district's last place under max_per_district, or the
-- shortlist's last rank).
with rules as (
    select max(value) filter (where rule = 'max_per_district') as max_per_district,
           max(value) filter (where rule = 'max_total') as max_total
    from award_rules
),

candidates as (
    select *
    from award_candidates
    where year = $1
),

district_bar as (                                    -- each district's last place under the cap
    select c.district_code, c.score as bar_score
    from candidates as c, rules
    where c.district_position = rules.max_per_district
),

total_bar as (                                       -- the shortlist's last rank
    select max(c.score) filter (where c.rank = (select max(rank) from candidates)) as bar_score
    from candidates as c
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
           case c.not_shortlisted_reason
               when 'DISTRICT_CAP' then c.district_position - rules.max_per_district
               else c.position_after_district_cap - rules.max_total
           end::int as places_behind,
           case c.not_shortlisted_reason
               when 'DISTRICT_CAP' then db.bar_score - c.score
               else tb.bar_score - c.score
           end as points_behind
    from candidates as c
    cross join rules
    cross join total_bar as tb
    left join district_bar as db on db.district_code = c.district_code
    left join districts as d on d.district_code = c.district_code
    where not c.shortlisted and ($2 is null or c.district_code = $2)
)

select * from final
order by eligible_position
limit $3
