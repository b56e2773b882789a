-- Data checks of award_rules, the rule values the transform computed the shortlist with. Each
-- check is a query returning the rows that break its rule; it passes when it returns none.

-- check: award_rules.every_rule_once
-- Each of the ten award rules has exactly one value.
select expected.rule, count(r.rule) as value_count
from (
    select unnest([
        'min_requests_handled', 'min_on_time_rate', 'min_onsite_hours', 'sla_points', 'onsite_points',
        'onsite_full_hours', 'satisfaction_points', 'volume_points', 'max_per_district', 'max_total']) as rule
) as expected
left join award_rules as r on r.rule = expected.rule
group by expected.rule
having count(r.rule) <> 1;
