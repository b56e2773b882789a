-- Data checks of the award_eligibility mart. Each check is a query returning the rows that break
-- its rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: award_eligibility.one_row_per_commissioner_year
-- Each row of kpi_commissioner_year has exactly one row here, and there are no others.
select coalesce(k.commissioner_id, e.commissioner_id) as commissioner_id, coalesce(k.year, e.year) as year,
       count(e.commissioner_id) as copies
from kpi_commissioner_year as k
full join award_eligibility as e on e.commissioner_id = k.commissioner_id and e.year = k.year
group by 1, 2
having count(e.commissioner_id) <> 1 or count(k.commissioner_id) <> 1;

-- check: award_eligibility.thresholds_are_award_rules
-- The minimums are the award rules' values the run recorded in award_rules.
select e.year, e.commissioner_id, e.min_requests_handled, e.min_on_time_rate, e.min_onsite_hours
from award_eligibility as e
cross join (
    select
        max(case when rule = 'min_requests_handled' then value end) as min_requests_handled,
        max(case when rule = 'min_on_time_rate' then value end) as min_on_time_rate,
        max(case when rule = 'min_onsite_hours' then value end) as min_onsite_hours
    from award_rules
) as r
where e.min_requests_handled is distinct from r.min_requests_handled
   or e.min_on_time_rate is distinct from r.min_on_time_rate
   or e.min_onsite_hours is distinct from r.min_onsite_hours;

-- check: award_eligibility.met_agrees_with_figures
-- A rule is met exactly when its figure reaches the minimum (a missing figure never does), and a
-- satisfaction rule exactly when there is an average.
select year, commissioner_id, requests_handled, requests_handled_met, on_time_rate, on_time_rate_met,
       onsite_hours, onsite_hours_met, avg_satisfaction, satisfaction_met
from award_eligibility
where requests_handled_met is distinct from coalesce(requests_handled >= min_requests_handled, false)
   or on_time_rate_met is distinct from coalesce(on_time_rate >= min_on_time_rate, false)
   or onsite_hours_met is distinct from coalesce(onsite_hours >= min_onsite_hours, false)
   or satisfaction_met is distinct from (avg_satisfaction is not null);

-- check: award_eligibility.eligible_iff_no_rule_failed
-- rules_failed counts the five rules not met (qualified and the four above), and a commissioner is
-- eligible exactly when it is 0.
select year, commissioner_id, qualified, requests_handled_met, on_time_rate_met, onsite_hours_met, satisfaction_met,
       rules_failed, eligible
from award_eligibility
where rules_failed is distinct from (5 - (qualified::int + requests_handled_met::int + on_time_rate_met::int
                                          + onsite_hours_met::int + satisfaction_met::int))
   or eligible is distinct from (rules_failed = 0);
