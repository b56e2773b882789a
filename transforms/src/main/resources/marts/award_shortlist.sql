-- award_shortlist: one row per shortlisted commissioner per year (Art. 8: 年末 ... 表彰).
-- The rule values are parameters from award-rules.properties (recorded in award_rules).
-- Every year of kpi_commissioner_year gets its shortlist; a year not yet over is provisional.

with eligible as (
    select kpi.*, c.name
    from kpi_commissioner_year as kpi
    join commissioners as c on c.commissioner_id = kpi.commissioner_id
    where kpi.qualified
      and kpi.requests_handled >= :min_requests_handled
      and kpi.on_time_rate >= :min_on_time_rate
      and kpi.onsite_hours >= :min_onsite_hours
      and kpi.avg_satisfaction is not null
),

scored as (
    select *,
        -- each component rounded half-up to 2 decimals before summing
        round(cast(:sla_points * on_time_rate as decimal(20, 10)), 2) as score_sla,
        round(cast(:onsite_points * least(1.0, onsite_hours / :onsite_full_hours) as decimal(20, 10)), 2) as score_onsite,
        round(cast(:satisfaction_points * (avg_satisfaction - 1) / 4 as decimal(20, 10)), 2) as score_satisfaction,
        -- percent_rank of requests_handled among the year's eligible (ties share the lowest
        -- rank; 1 when there is only one), before the caps
        round(cast(:volume_points * case when count(*) over (partition by year) = 1 then 1.0
                                         else percent_rank() over (partition by year order by requests_handled) end
                   as decimal(20, 10)), 2) as score_volume
    from eligible
),

ordered as (
    select *,
        score_sla + score_onsite + score_satisfaction + score_volume as score,
        row_number() over (partition by year, district_code
            order by score_sla + score_onsite + score_satisfaction + score_volume desc, requests_handled desc, commissioner_id) as district_position
    from scored
),

capped as (
    select *,
        row_number() over (partition by year order by score desc, requests_handled desc, commissioner_id) as rank
    from ordered
    where district_position <= :max_per_district
),

final as (
    select
        year, cast(rank as int) as rank, commissioner_id, name, district_code,
        cast(score as decimal(6, 2)) as score,
        cast(score_sla as decimal(6, 2)) as score_sla,
        cast(score_onsite as decimal(6, 2)) as score_onsite,
        cast(score_satisfaction as decimal(6, 2)) as score_satisfaction,
        cast(score_volume as decimal(6, 2)) as score_volume,
        requests_handled, on_time_rate, onsite_hours, avg_satisfaction,
        :as_of <= make_date(year, 12, 31) as provisional
    from capped
    where rank <= :max_total
)

select * from final
