-- Data checks of the kpi_commissioner_year mart. Each check is a query returning the rows that
-- break its rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: kpi_commissioner_year.unique_commissioner_year
-- Each commissioner and year has exactly one row, and no row lacks either.
select commissioner_id, year, count(*) as copies
from kpi_commissioner_year
group by commissioner_id, year
having count(*) > 1 or commissioner_id is null or year is null;

-- check: kpi_commissioner_year.commissioner_in_commissioners
-- Every row's commissioner is a commissioner of commissioners, in the same district.
select k.commissioner_id, k.year, k.district_code
from kpi_commissioner_year as k
anti join commissioners as c on c.commissioner_id = k.commissioner_id and c.district_code = k.district_code;

-- check: kpi_commissioner_year.values_in_range
-- The on-time rate lies within [0, 1], counts and hours are not negative, and qualified is set.
select commissioner_id, year, on_time_rate, requests_handled, onsite_hours, qualified
from kpi_commissioner_year
where on_time_rate not between 0 and 1 or requests_handled < 0 or onsite_hours < 0 or qualified is null;

-- check: kpi_commissioner_year.qualified_iff_no_issues
-- A commissioner is qualified exactly when no qualification issue is listed.
select commissioner_id, year, qualified, qualification_issues
from kpi_commissioner_year
where qualified = (qualification_issues is not null);

-- check: kpi_commissioner_year.requests_handled_reconcile
-- The requests handled add up to the requests with feedback from a known commissioner.
select k.handled_in_kpi, r.with_feedback
from (select coalesce(sum(requests_handled), 0) as handled_in_kpi from kpi_commissioner_year) as k
cross join (
    select count(*) as with_feedback
    from requests
    semi join commissioners on commissioners.commissioner_id = requests.feedback_commissioner_id
) as r
where k.handled_in_kpi <> r.with_feedback;
