-- Data checks of the award_candidates mart. Each check is a query returning the rows that break
-- its rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: award_candidates.unique_commissioner_year
-- Each commissioner is a candidate at most once a year.
select commissioner_id, year, count(*) as copies
from award_candidates
group by commissioner_id, year
having count(*) > 1 or commissioner_id is null or year is null;

-- check: award_candidates.rank_iff_shortlisted
-- A candidate has a rank exactly when shortlisted, and a reason for not being shortlisted exactly when not.
select commissioner_id, year, shortlisted, rank, not_shortlisted_reason
from award_candidates
where shortlisted is null
   or shortlisted <> (rank is not null)
   or shortlisted = (not_shortlisted_reason is not null);

-- check: award_candidates.exactly_the_eligible
-- The candidates of a year are exactly the eligible rows of award_eligibility.
select coalesce(c.commissioner_id, e.commissioner_id) as commissioner_id, coalesce(c.year, e.year) as year,
       c.commissioner_id is not null as candidate, e.commissioner_id is not null as eligible
from award_candidates as c
full join (select * from award_eligibility where eligible) as e
    on e.commissioner_id = c.commissioner_id and e.year = c.year
where c.commissioner_id is null or e.commissioner_id is null;

-- check: award_candidates.behind_iff_kept_off
-- Places and points behind are given exactly for a candidate a cap kept off: at least one place,
-- and never negative points.
select commissioner_id, year, not_shortlisted_reason, places_behind, points_behind
from award_candidates
where (places_behind is null) <> (not_shortlisted_reason is null)
   or (points_behind is null) <> (not_shortlisted_reason is null)
   or places_behind < 1 or points_behind < 0;
