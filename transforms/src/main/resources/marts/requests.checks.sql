-- Data checks of the requests mart. Each check is a query returning the rows that break its
-- rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: requests.unique_request_id
-- Each request has exactly one row, and no row lacks a request id.
select request_id, count(*) as copies
from requests
group by request_id
having count(*) > 1 or request_id is null;

-- check: requests.not_null_columns
-- District, space, channel, category, received and deadline dates and SLA status are never null.
select request_id, district_code, space_id, channel, category, received_date, deadline_date, sla_status
from requests
where district_code is null or space_id is null or channel is null or category is null
   or received_date is null or deadline_date is null or sla_status is null;

-- check: requests.accepted_sla_status
-- The SLA status is ON_TIME, LATE, OPEN_OVERDUE or OPEN_WITHIN_SLA.
select request_id, sla_status
from requests
where sla_status not in ('ON_TIME', 'LATE', 'OPEN_OVERDUE', 'OPEN_WITHIN_SLA');

-- check: requests.accepted_channel
-- The channel is ONSITE, HOTLINE, WEB or WECHAT.
select request_id, channel
from requests
where channel not in ('ONSITE', 'HOTLINE', 'WEB', 'WECHAT');

-- check: requests.category_in_service_categories
-- Every request's category is a category of service_categories.
select r.request_id, r.category
from requests as r
anti join service_categories as c on c.category_code = r.category;

-- check: requests.district_in_districts
-- Every request's district is a district of districts.
select r.request_id, r.district_code
from requests as r
anti join districts as d on d.district_code = r.district_code;

-- check: requests.space_in_maker_spaces
-- Every request's maker space is a space of maker_spaces, in the request's district.
select r.request_id, r.space_id, r.district_code
from requests as r
anti join maker_spaces as s on s.space_id = r.space_id and s.district_code = r.district_code;

-- check: requests.deadline_after_received
-- The deadline falls after the received date, and working days to feedback are never negative.
select request_id, received_date, deadline_date, feedback_working_days
from requests
where deadline_date <= received_date or feedback_working_days < 0;

-- check: requests.feedback_columns_together
-- Feedback date, working days to feedback and feedback commissioner are all set or all null.
select request_id, feedback_date, feedback_working_days, feedback_commissioner_id
from requests
where (feedback_date is null) <> (feedback_working_days is null)
   or (feedback_date is null) <> (feedback_commissioner_id is null);

-- check: requests.sla_status_matches_feedback
-- ON_TIME and LATE requests have a feedback date; OPEN_* requests have none.
select request_id, sla_status, feedback_date
from requests
where sla_status in ('ON_TIME', 'LATE') and feedback_date is null
   or sla_status like 'OPEN%' and feedback_date is not null;

-- check: requests.sla_status_matches_deadline
-- ON_TIME means feedback on or before the deadline, LATE means after it.
select request_id, sla_status, feedback_date, deadline_date
from requests
where sla_status = 'ON_TIME' and feedback_date > deadline_date
   or sla_status = 'LATE' and feedback_date <= deadline_date;

-- check: requests.satisfaction_1_to_5
-- A satisfaction, when given, is between 1 and 5.
select request_id, satisfaction
from requests
where satisfaction not between 1 and 5;

-- check: requests.working_days_overdue_for_open_overdue_only
-- Working days overdue are given, and not negative, exactly for OPEN_OVERDUE requests.
select request_id, sla_status, working_days_overdue
from requests
where (working_days_overdue is not null) <> (sla_status = 'OPEN_OVERDUE') or working_days_overdue < 0;
