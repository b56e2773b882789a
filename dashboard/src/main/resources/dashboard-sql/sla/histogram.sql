-- Grain: one row per bucket of feedback_working_days — 0, 1, …, 10 one by one, then 11–15,
-- 16–20 and 21 or more (max_days null) — over the requests received in the quarter $1 (calendar_quarters'
-- dates) in the districts in scope ($2 or null) that have feedback; every bucket is present (0 when empty),
-- split into ON_TIME and LATE. A request answered on a day off just after its deadline has 10
-- working days and is still LATE, so the 10 bucket can hold late requests.
with the_quarter as (                                     -- its first and last day
    select quarter_start, quarter_end from calendar_quarters where quarter = $1
),

buckets as (
    select i as min_days, i as max_days from range(0, 11) as t(i)
    union all
    select * from (values (11, 15), (16, 20), (21, null)) as v(min_days, max_days)
),

answered as (
    select feedback_working_days as days, sla_status
    from requests, the_quarter
    where received_date between quarter_start and quarter_end and ($2 is null or district_code = $2)
      and feedback_working_days is not null
),

final as (
    select b.min_days, b.max_days,
           count(a.days) as requests,
           count(a.days) filter (where a.sla_status = 'ON_TIME') as on_time,
           count(a.days) filter (where a.sla_status = 'LATE') as late
    from buckets as b
    left join answered as a
        on a.days >= b.min_days and (b.max_days is null or a.days <= b.max_days)
    group by b.min_days, b.max_days
)

select * from final order by min_days
