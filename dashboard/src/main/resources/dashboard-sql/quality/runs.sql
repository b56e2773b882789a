-- Grain: one row per ingestion run × source (ingest_runs.source), for the runs in scope ($1 = a
-- district, or null for all), newest run first; the page is $2 runs from offset $3.
-- Scope: a manifest row belongs to a district when its file is one of the district's quarterly
-- report submissions (quarterly_reports.source_file, whose district_code the ingestion set); a
-- district sees only the runs that read one of its report files, and only those files' counts.
-- Counts: rows_* sum the files whose rows count (ingest_runs.counted); a superseded report
-- submission (counted = false) is read and checked but replaced by a later one: its files and
-- rows are in files_superseded / superseded_rows. REMOVED rows record a file that left the
-- landing zone (no counts). Per file, rows_read = rows_accepted + rows_quarantined +
-- duplicates_dropped, so the sums reconcile too (balanced).
with files as (
    select ingest_runs.*, reports.district_code
    from ingest_runs
    left join (select distinct source_file, district_code from quarterly_reports) as reports using (source_file)
),

scoped as (
    select * from files where $1 is null or district_code = $1
),

runs as (
    select run_id, max(ingested_at) as ingested_at
    from scoped
    group by run_id
    order by ingested_at desc, run_id desc
    limit $2 offset $3
),

final as (
    select r.run_id, r.ingested_at, f.source,
           count(*) as files,
           count(*) filter (where f.action = 'NEW') as files_new,
           count(*) filter (where f.action = 'CHANGED') as files_changed,
           count(*) filter (where f.action = 'REPROCESSED') as files_reprocessed,
           count(*) filter (where f.action = 'REMOVED') as files_removed,
           count(*) filter (where not f.counted and f.action <> 'REMOVED') as files_superseded,
           coalesce(sum(f.rows_read) filter (where f.counted), 0)::bigint as rows_read,
           coalesce(sum(f.rows_accepted) filter (where f.counted), 0)::bigint as rows_accepted,
           coalesce(sum(f.rows_quarantined) filter (where f.counted), 0)::bigint as rows_quarantined,
           coalesce(sum(f.duplicates_dropped) filter (where f.counted), 0)::bigint as duplicates_dropped,
           coalesce(sum(f.rows_read) filter (where not f.counted), 0)::bigint as superseded_rows
    from runs as r
    join scoped as f on f.run_id = r.run_id
    group by r.run_id, r.ingested_at, f.source
)

select *, rows_read = rows_accepted + rows_quarantined + duplicates_dropped as balanced
from final
order by ingested_at desc, run_id desc, source
