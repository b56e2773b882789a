-- Data checks of the quarantine table (written by ingestion). Each check is a query returning the
-- rows that break its rule; it passes when it returns none (see docs/architecture.md, Data checks).

-- check: quarantine.known_district
-- A quarantined row's district (data contract v1.1), when it has one, is a district of districts.
select q.source_file, q.line_number, q.district_code
from quarantine as q
anti join districts as d on d.district_code = q.district_code
where q.district_code is not null;

-- check: quarantine.report_rows_in_their_files_district
-- A quarterly report's rejected row belongs to the district of its file (.csv or .xlsx), and a
-- reference row to none.
select q.source_file, q.line_number, q.district_code, r.district_code as file_district
from quarantine as q
left join (select distinct source_file, district_code from quarterly_reports) as r using (source_file)
where (r.source_file is not null and not (q.district_code is not distinct from r.district_code))
   or (q.source_file like 'reference/%' and q.district_code is not null);
