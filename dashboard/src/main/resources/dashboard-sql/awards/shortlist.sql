-- Grain: one row per shortlisted commissioner of the year $1 (award_shortlist), in rank order,
-- restricted to one district ($2) or all (null); with the district's names. Ranks stay the
-- shortlist's city-wide ranks.
with shortlist as (
    select *
    from award_shortlist
    where year = $1 and ($2 is null or district_code = $2)
),

final as (
    select s.year, s.rank, s.commissioner_id, s.name, s.district_code,
           d.name_zh as district_name_zh, d.name_en as district_name_en,
           s.score, s.score_sla, s.score_onsite, s.score_satisfaction, s.score_volume,
           s.requests_handled, s.on_time_rate, s.onsite_hours, s.avg_satisfaction, s.provisional
    from shortlist as s
    left join districts as d on d.district_code = s.district_code
)

select * from final
order by rank
