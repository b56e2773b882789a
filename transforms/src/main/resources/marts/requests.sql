-- requests: one row per request that has an accepted RECEIVED event dated on or before the
-- as-of date (:as_of). Every date is an Asia/Shanghai date (the session time zone).
-- Art. 7: feedback is due within 10 working days.

with events as (
    select *, to_date(ts) as event_date
    from request_events
    where to_date(ts) <= :as_of                      -- the as-of date is a cut-off
),

ranked as (
    select *, row_number() over (partition by request_id, type order by ts, event_id) as nth
    from events
    where type in ('RECEIVED', 'FEEDBACK', 'CLOSED')
),

received as (                                        -- the first RECEIVED
    select request_id, channel, space_id, category, ts as received_at, event_date as received_date
    from ranked
    where type = 'RECEIVED' and nth = 1
),

first_feedback as (                                  -- earliest by ts, tie: smallest event_id
    select request_id, ts as first_feedback_at, event_date as feedback_date,
           commissioner_id as feedback_commissioner
    from ranked
    where type = 'FEEDBACK' and nth = 1
),

assigned_before_feedback as (                        -- the latest ASSIGNED strictly before it that names one
    select first_feedback.request_id,
           max_by(assigned.commissioner_id, struct(assigned.ts, assigned.event_id)) as assigned_commissioner
    from first_feedback
    join events as assigned
        on assigned.request_id = first_feedback.request_id
        and assigned.type = 'ASSIGNED'
        and assigned.commissioner_id is not null
        and assigned.ts < first_feedback.first_feedback_at
    group by first_feedback.request_id
),

first_closed as (                                    -- several CLOSED: the earliest counts
    select request_id, ts as closed_at, satisfaction
    from ranked
    where type = 'CLOSED' and nth = 1
),

calendar as (                                        -- working days counted from the first date
    select date, is_working_day,
           sum(case when is_working_day then 1 else 0 end) over (order by date) as working_day_number
    from work_calendar
),

final as (
    select
        received.request_id,
        spaces.district_code,
        received.space_id,
        received.channel,
        received.category,
        received.received_at,
        received.received_date,
        deadline.date as deadline_date,
        first_feedback.first_feedback_at,
        first_feedback.feedback_date,
        -- working days d with received_date < d <= feedback_date (0 for same-day feedback;
        -- a FEEDBACK stamped before its RECEIVED counts as same-day)
        case when first_feedback.feedback_date is not null
             then greatest(0, feedback_day.working_day_number - received_day.working_day_number)
        end as feedback_working_days,
        case when first_feedback.request_id is not null
             then coalesce(first_feedback.feedback_commissioner, assigned_before_feedback.assigned_commissioner)
        end as feedback_commissioner_id,
        first_closed.closed_at,
        first_closed.satisfaction,
        case
            when first_feedback.feedback_date <= deadline.date then 'ON_TIME'
            when first_feedback.feedback_date is not null then 'LATE'
            when :as_of > deadline.date then 'OPEN_OVERDUE'
            else 'OPEN_WITHIN_SLA'
        end as sla_status
    from received
    join maker_spaces as spaces
        on spaces.space_id = received.space_id
    join calendar as received_day
        on received_day.date = received.received_date
    join calendar as deadline                        -- the 10th working day strictly after
        on deadline.is_working_day
        and deadline.working_day_number = received_day.working_day_number + 10
    left join first_feedback
        on first_feedback.request_id = received.request_id
    left join calendar as feedback_day
        on feedback_day.date = first_feedback.feedback_date
    left join assigned_before_feedback
        on assigned_before_feedback.request_id = received.request_id
    left join first_closed
        on first_closed.request_id = received.request_id
)

select * from final
