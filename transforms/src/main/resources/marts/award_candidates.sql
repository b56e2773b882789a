-- award_candidates: one row per commissioner per year who meets the eligibility rules (the
-- eligible rows of award_eligibility), with the score components and why they are or are not on
-- the shortlist. The award rules are parameters from award-rules.properties (recorded in
-- award_rules). award_shortlist selects from this mart, so the scoring lives here only. The
-- positions: eligible_position (the year's order: score, then requests handled, then id),
-- district_position (the same order within the district), position_after_district_cap (that
-- order among those the district cap let through; null for the others); rank is
-- position_after_district_cap within max_total. A candidate a cap kept off is places_behind and
-- points_behind the last one that cap let through (the district's max_per_district-th, or the
-- shortlist's last rank).

with eligible as (
    select kpi.*, c.name
    from kpi_commissioner_year as kpi
    join award_eligibility as e on e.commissioner_id = kpi.commissioner_id and e.year = kpi.year
    join commissioners as c on c.commissioner_id = kpi.commissioner_id
    where e.eligible
),

scored as (
    select *,
        -- each component rounded half-up to 2 decimals before summing
        cast(round(cast(:sla_points * on_time_rate as decimal(20, 10)), 2) as decimal(6, 2)) as score_sla,
        cast(round(cast(:onsite_points * least(1.0, onsite_hours / :onsite_full_hours) as decimal(20, 10)), 2) as decimal(6, 2)) as score_onsite,
        cast(round(cast(:satisfaction_points * (avg_satisfaction - 1) / 4 as decimal(20, 10)), 2) as decimal(6, 2)) as score_satisfaction,
        -- percent_rank of requests_handled among the year's eligible (ties share the lowest
        -- rank; 1 when there is only one), before the caps
        cast(round(cast(:volume_points * case when count(*) over (partition by year) = 1 then 1.0
                                              else percent_rank() over (partition by year order by requests_handled) end
                        as decimal(20, 10)), 2) as decimal(6, 2)) as score_volume
    from eligible
),

summed as (
    select *, cast(score_sla + score_onsite + score_satisfaction + score_volume as decimal(6, 2)) as score
    from scored
),

positioned as (                                      -- by score, then requests handled, then id
    select *,
        row_number() over (partition by year order by score desc, requests_handled desc, commissioner_id) as eligible_position,
        row_number() over (partition by year, district_code order by score desc, requests_handled desc, commissioner_id) as district_position
    from summed
),

ranked as (
    select *,
        case when district_position <= :max_per_district
             then row_number() over (partition by year, district_position <= :max_per_district
                                     order by score desc, requests_handled desc, commissioner_id)
        end as position_after_district_cap
    from positioned
),

capped as (                                          -- the cap that kept a candidate off, if any
    select *,
        case
            when district_position > :max_per_district then 'DISTRICT_CAP'
            when position_after_district_cap > :max_total then 'TOTAL_CAP'
        end as not_shortlisted_reason,
        -- the score of the last place each cap lets through
        max(case when district_position = :max_per_district then score end) over (partition by year, district_code) as district_bar_score,
        max(case when position_after_district_cap = :max_total then score end) over (partition by year) as total_bar_score
    from ranked
),

final as (
    select
        year, commissioner_id, name, district_code,
        score, score_sla, score_onsite, score_satisfaction, score_volume,
        requests_handled, on_time_rate, onsite_hours, avg_satisfaction,
        cast(eligible_position as int) as eligible_position,
        cast(district_position as int) as district_position,
        cast(position_after_district_cap as int) as position_after_district_cap,
        coalesce(position_after_district_cap <= :max_total, false) as shortlisted,
        case when position_after_district_cap <= :max_total then cast(position_after_district_cap as int) end as rank,
        not_shortlisted_reason,
        cast(case not_shortlisted_reason
                 when 'DISTRICT_CAP' then district_position - :max_per_district
                 when 'TOTAL_CAP' then position_after_district_cap - :max_total
             end as int) as places_behind,
        case not_shortlisted_reason
            when 'DISTRICT_CAP' then district_bar_score - score
            when 'TOTAL_CAP' then total_bar_score - score
        end as points_behind,
        :as_of <= make_date(year, 12, 31) as provisional
    from capped
)

select * from final
