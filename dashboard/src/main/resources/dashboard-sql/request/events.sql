-- Grain: one row per event of the request $1 (request_events: deduplicated, accepted events), in
-- time order (ties: event id), with the commissioner's name.
select e.event_id, e.type, e.ts, e.channel, e.space_id, e.category, e.commissioner_id,
       m.name as commissioner_name, e.satisfaction, e.note
from request_events as e
left join commissioners as m on m.commissioner_id = e.commissioner_id
where e.request_id = $1
order by e.ts, e.event_id
