-- award_eligibility: one row per commissioner per year of kpi_commissioner_year, with each
-- eligibility rule of the award (Art. 9: 表彰优秀服务专员) — the figure, the rule's value from
-- award-rules.properties (recorded in award_rules) and whether it is met — and whether all are.
-- award_candidates takes the eligible rows; `warehouse explain-award` shows the rest.

with commissioner_years as (
    select *
    from kpi_commissioner_year
),

tested as (
    select
        year, commissioner_id, district_code,
        qualified, qualification_issues,
        requests_handled,
        cast(:min_requests_handled as double) as min_requests_handled,
        requests_handled >= :min_requests_handled as requests_handled_met,
        on_time_rate,
        cast(:min_on_time_rate as double) as min_on_time_rate,
        coalesce(on_time_rate >= :min_on_time_rate, false) as on_time_rate_met,
        onsite_hours,
        cast(:min_onsite_hours as double) as min_onsite_hours,
        onsite_hours >= :min_onsite_hours as onsite_hours_met,
        avg_satisfaction,
        avg_satisfaction is not null as satisfaction_met
    from commissioner_years
),

final as (
    select *,
        cast((case when qualified then 0 else 1 end) + (case when requests_handled_met then 0 else 1 end)
             + (case when on_time_rate_met then 0 else 1 end) + (case when onsite_hours_met then 0 else 1 end)
             + (case when satisfaction_met then 0 else 1 end) as int) as rules_failed,
        qualified and requests_handled_met and on_time_rate_met and onsite_hours_met and satisfaction_met as eligible
    from tested
)

select * from final
