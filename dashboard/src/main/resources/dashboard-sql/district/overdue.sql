-- Grain: one row per request of district $1 received in the quarter $2 (calendar_quarters' dates)
-- that is still without feedback past its deadline (sla_status OPEN_OVERDUE: Art. 7, feedback
-- within 10 working days) — kpi_district_quarter's open_overdue. working_days_overdue is the
-- mart's (requests.working_days_overdue: working days d with deadline_date < d <= the as-of date).
with the_quarter as (                                     -- its first and last day
    select quarter_start, quarter_end from calendar_quarters where quarter = $2
),

overdue as (
    select request_id, district_code, space_id, channel, category, received_date, deadline_date, working_days_overdue
    from requests, the_quarter
    where district_code = $1
        and received_date between quarter_start and quarter_end
        and sla_status = 'OPEN_OVERDUE'
),

final as (
    select overdue.request_id, overdue.district_code, overdue.space_id, overdue.channel,
           overdue.category, categories.name_zh as category_zh, categories.name_en as category_en,
           overdue.received_date, overdue.deadline_date,
           overdue.working_days_overdue
    from overdue
    left join service_categories as categories on categories.category_code = overdue.category
)

select * from final order by working_days_overdue desc, request_id
