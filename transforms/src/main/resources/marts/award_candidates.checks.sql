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
