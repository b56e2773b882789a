-- Grain: one row, the request $1 of the requests mart (one row per request with an accepted
-- RECEIVED on or before the as-of date): its deadline, working days to feedback, SLA status and
-- working days overdue are the mart's (Art. 7); here only names are joined — the district, the
-- space, the category and the commissioner the mart attributes the feedback to.
select r.request_id, r.district_code, d.name_zh as district_name_zh, d.name_en as district_name_en,
       r.space_id, s.name as space_name, r.channel,
       r.category, c.name_zh as category_name_zh, c.name_en as category_name_en,
       r.received_at, r.received_date, r.deadline_date, r.first_feedback_at, r.feedback_date,
       r.feedback_working_days, r.feedback_commissioner_id, m.name as feedback_commissioner_name,
       r.closed_at, r.satisfaction, r.sla_status, r.working_days_overdue
from requests as r
left join districts as d on d.district_code = r.district_code
left join maker_spaces as s on s.space_id = r.space_id
left join service_categories as c on c.category_code = r.category
left join commissioners as m on m.commissioner_id = r.feedback_commissioner_id
where r.request_id = $1
