-- requests: one row per request that has an accepted RECEIVED event dated on or before the
-- as-of date (:as_of). Every date is an Asia/Shanghai date (the session time zone).
-- Art. 7: feedback is due within 10 working days.

with events as (                                     -- the as-of date is a cut-off: events before
    select *                                         -- the next day's midnight in Shanghai
    from request_events
    where ts < to_timestamp(date_add(:as_of, 1))
),

with_assignment as (                                 -- each event with the latest ASSIGNED strictly before it
    select *,
           max(case when type = 'ASSIGNED' and commissioner_id is not null then struct(ts, event_id, commissioner_id) end)
               over (partition by request_id order by ts
                     range between unbounded preceding and interval 1 microsecond preceding) as assigned_before
    from events
),

per_request as (                                     -- the window sorted each request's events: one pass
    select
        request_id,
        -- the first RECEIVED, FEEDBACK and CLOSED: earliest by ts, tie: smallest event_id
        min_by(struct(channel, space_id, category, ts), struct(ts, event_id))
            filter (where type = 'RECEIVED') as received,
        -- the commissioner on the FEEDBACK, else the latest ASSIGNED strictly before it
        min_by(struct(ts, coalesce(commissioner_id, assigned_before.commissioner_id) as commissioner_id), struct(ts, event_id))
            filter (where type = 'FEEDBACK') as feedback,
        min_by(struct(ts, satisfaction), struct(ts, event_id))
            filter (where type = 'CLOSED') as closed
    from with_assignment
    group by request_id
),

firsts as (
    select
        request_id,
        received.channel, received.space_id, received.category,
        received.ts as received_at, to_date(received.ts) as received_date,
        feedback.ts as first_feedback_at, to_date(feedback.ts) as feedback_date,
        feedback.commissioner_id as feedback_commissioner_id,
        closed.ts as closed_at, closed.satisfaction
    from per_request
    where received is not null
),


final as (
    select
        firsts.request_id,
        spaces.district_code,
        firsts.space_id,
        firsts.channel,
        firsts.category,
        firsts.received_at,
        firsts.received_date,
        deadline.date as deadline_date,
        firsts.first_feedback_at,
        firsts.feedback_date,
        -- working days d with received_date < d <= feedback_date (0 for same-day feedback;
        -- a FEEDBACK stamped before its RECEIVED counts as same-day)
        case when firsts.feedback_date is not null
             then greatest(0, feedback_day.working_day_number - received_day.working_day_number)
        end as feedback_working_days,
        firsts.feedback_commissioner_id,
        firsts.closed_at,
        firsts.satisfaction,
        case
            when firsts.feedback_date <= deadline.date then 'ON_TIME'
            when firsts.feedback_date is not null then 'LATE'
            when :as_of > deadline.date then 'OPEN_OVERDUE'
            else 'OPEN_WITHIN_SLA'
        end as sla_status,
        -- OPEN_OVERDUE only: working days d with deadline_date < d <= the as-of date
        case when firsts.feedback_date is null and :as_of > deadline.date
             then as_of_day.working_day_number - deadline.working_day_number
        end as working_days_overdue
    from firsts
    join maker_spaces as spaces
        on spaces.space_id = firsts.space_id
    join work_calendar as received_day
        on received_day.date = firsts.received_date
    join work_calendar as deadline                        -- the 10th working day strictly after
        on deadline.is_working_day
        and deadline.working_day_number = received_day.working_day_number + 10
    left join work_calendar as feedback_day
        on feedback_day.date = firsts.feedback_date
    left join work_calendar as as_of_day
        on as_of_day.date = :as_of
)

select * from final
