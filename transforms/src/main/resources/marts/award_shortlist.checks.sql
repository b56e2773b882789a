-- Data checks of the award_shortlist mart. Each check is a query returning the rows that break
-- its rule; it passes when it returns none (see docs/architecture.md, Data checks). The rule
-- values (caps, eligibility thresholds, the run's as-of date) are read from award_rules, the
-- values the shortlist was computed with.

-- check: award_shortlist.unique_commissioner_year
-- A commissioner is shortlisted at most once a year.
select year, commissioner_id, count(*) as copies
from award_shortlist
group by year, commissioner_id
having count(*) > 1 or year is null or commissioner_id is null;

-- check: award_shortlist.max_per_district
-- No district has more than max_per_district commissioners on a year's shortlist.
select year, district_code, count(*) as shortlisted
from award_shortlist
group by year, district_code
having count(*) > (select max(value) from award_rules where rule = 'max_per_district');

-- check: award_shortlist.max_total_and_ranks
-- A year's shortlist has at most max_total commissioners, ranked 1..k without gaps or ties.
select year, count(*) as shortlisted, min(rank) as first_rank, max(rank) as last_rank, count(distinct rank) as ranks
from award_shortlist
group by year
having count(*) > (select max(value) from award_rules where rule = 'max_total')
    or min(rank) <> 1 or max(rank) <> count(*) or count(distinct rank) <> count(*);

-- check: award_shortlist.score_is_sum_of_components
-- The score is the sum of its four components and lies within [0, 100].
select year, commissioner_id, score, score_sla, score_onsite, score_satisfaction, score_volume
from award_shortlist
where score <> score_sla + score_onsite + score_satisfaction + score_volume
   or score not between 0 and 100
   or score is null;

-- check: award_shortlist.eligible_only
-- Every shortlisted commissioner is eligible in award_eligibility (qualified, and meets the award
-- rules' minimum requests, on-time rate and on-site hours, with a satisfaction average).
select s.year, s.commissioner_id, e.rules_failed
from award_shortlist as s
left join award_eligibility as e on e.commissioner_id = s.commissioner_id and e.year = s.year
where not coalesce(e.eligible, false);

-- check: award_shortlist.ordered_by_score
-- A better rank never has a lower score, or, at equal score, fewer requests handled, or, at equal both, a later commissioner id.
select a.year, a.rank, a.commissioner_id, a.score, b.rank as next_rank, b.commissioner_id as next_commissioner_id, b.score as next_score
from award_shortlist as a
join award_shortlist as b on a.year = b.year and a.rank < b.rank
where a.score < b.score
   or a.score = b.score and (a.requests_handled < b.requests_handled
      or a.requests_handled = b.requests_handled and a.commissioner_id > b.commissioner_id);

-- check: award_shortlist.provisional_until_year_end
-- A year's shortlist is provisional exactly while the run's as-of date is on or before December 31 of that year.
select s.year, s.commissioner_id, s.provisional, r.as_of
from award_shortlist as s
cross join (select max(as_of) as as_of from award_rules) as r
where s.provisional is null or s.provisional <> (r.as_of <= make_date(s.year, 12, 31));

-- check: award_shortlist.in_award_candidates
-- Every shortlisted commissioner is a candidate marked shortlisted with the same rank and score.
select s.year, s.commissioner_id, s.rank, s.score
from award_shortlist as s
anti join award_candidates as c
  on c.year = s.year and c.commissioner_id = s.commissioner_id and c.shortlisted and c.rank = s.rank and c.score = s.score;
