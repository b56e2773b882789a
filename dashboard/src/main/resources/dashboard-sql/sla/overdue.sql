-- Grain: one row per request received in the quarter $1 (calendar_quarters' dates) in the
-- districts in scope ($2 or null) that is OPEN_OVERDUE: no feedback, and the snapshot's as-of date
-- $3 is past its deadline
-- (Art. 7). working_days_overdue is the mart's (requests.working_days_overdue: working days d with
-- deadline_date < d <= as-of date); calendar_days_overdue alongside. Most overdue first (then the
-- earliest deadline, then request_id, so pages are stable); the dashboard's list mechanism
-- (ListPage) pages it.
with the_quarter as (                                     -- its first and last day
    select quarter_start, quarter_end from calendar_quarters where quarter = $1
),

overdue as (
    select request_id, district_code, space_id, category, channel, received_date, deadline_date, working_days_overdue
    from requests, the_quarter
    where received_date between quarter_start and quarter_end and ($2 is null or district_code = $2)
      and sla_status = 'OPEN_OVERDUE'
),

final as (
    select o.request_id,
           o.district_code, d.name_zh as district_name_zh, d.name_en as district_name_en,
           o.space_id, s.name as space_name,
           o.category, c.name_zh as category_name_zh, c.name_en as category_name_en,
           o.channel, o.received_date, o.deadline_date,
           o.working_days_overdue,
           date_diff('day', o.deadline_date, $3::date) as calendar_days_overdue
    from overdue as o
    left join districts as d on d.district_code = o.district_code
    left join maker_spaces as s on s.space_id = o.space_id
    left join service_categories as c on c.category_code = o.category
)

select * from final
order by working_days_overdue desc nulls last, deadline_date, request_id
