-- award_shortlist: one row per shortlisted commissioner per year (Art. 8: 年末 ... 表彰):
-- by score descending, then requests handled descending, then commissioner id; at most
-- max_per_district per district and max_total in all (award-rules.properties). Every year of
-- kpi_commissioner_year gets its shortlist; a year not yet over is provisional.
-- Eligibility and scores: award_candidates.

with final as (
    select
        year, rank, commissioner_id, name, district_code,
        score, score_sla, score_onsite, score_satisfaction, score_volume,
        requests_handled, on_time_rate, onsite_hours, avg_satisfaction, provisional
    from award_candidates
    where shortlisted
)

select * from final
