-- Grain: one row for the year $1 in scope ($2 = one district, or null for all): how many
-- commissioners have a performance record, how many are eligible, shortlisted, and kept off the
-- list by each cap.
with records as (
    select count(*) as commissioners
    from kpi_commissioner_year
    where year = $1 and ($2 is null or district_code = $2)
),

candidates as (
    select count(*) as eligible,
           count_if(shortlisted) as shortlisted,
           count_if(not_shortlisted_reason = 'DISTRICT_CAP') as district_cap,
           count_if(not_shortlisted_reason = 'TOTAL_CAP') as total_cap
    from award_candidates
    where year = $1 and ($2 is null or district_code = $2)
)

select records.commissioners, candidates.*
from records, candidates
