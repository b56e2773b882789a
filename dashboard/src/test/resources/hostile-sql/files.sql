# Reading files outside the snapshot: table functions, replacement scans, globs, '..' paths,
# symlinks, sibling segment folders, other URL schemes.
--- read_csv of a file outside | file system operations are disabled
SELECT * FROM read_csv('${OUTSIDE}/canary.csv')
--- read_csv_auto of a file outside | file system operations are disabled
SELECT * FROM read_csv_auto('${OUTSIDE}/canary.csv')
--- read_csv with explicit columns | file system operations are disabled
SELECT * FROM read_csv('${OUTSIDE}/canary.csv', columns = {'line': 'VARCHAR'}, header = false)
--- read_csv of a list of files | file system operations are disabled
SELECT * FROM read_csv(['${OUTSIDE}/canary.csv', '${OUTSIDE}/canary.txt'])
--- read_text of a file outside | file system operations are disabled
SELECT content FROM read_text('${OUTSIDE}/canary.txt')
--- read_blob of a file outside | file system operations are disabled
SELECT content FROM read_blob('${OUTSIDE}/canary.txt')
--- read_text of /etc/passwd | file system operations are disabled
SELECT * FROM read_text('/etc/passwd')
--- read_blob of /proc/self/environ | file system operations are disabled
SELECT * FROM read_blob('/proc/self/environ')
--- read_text of the process's command line | file system operations are disabled
SELECT * FROM read_text('/proc/self/cmdline')
--- read_csv of /etc/hostname | file system operations are disabled
SELECT * FROM read_csv('/etc/hostname')
--- read_text with a home-directory path | file system operations are disabled
SELECT * FROM read_text('~/.bash_history')
--- read_json of a file outside | file system operations are disabled
SELECT * FROM read_json('${OUTSIDE}/canary.json')
--- read_json_auto of a file outside | file system operations are disabled
SELECT * FROM read_json_auto('${OUTSIDE}/canary.json')
--- read_ndjson of a file outside | file system operations are disabled
SELECT * FROM read_ndjson('${OUTSIDE}/canary.json')
--- read_json_objects of a file outside | file system operations are disabled
SELECT * FROM read_json_objects('${OUTSIDE}/canary.json')
--- read_parquet of a file outside | file system operations are disabled
SELECT * FROM read_parquet('${OUTSIDE}/canary.parquet')
--- parquet_scan alias of a file outside | file system operations are disabled
SELECT * FROM parquet_scan('${OUTSIDE}/canary.parquet')
--- parquet_metadata of a file outside | file system operations are disabled
SELECT * FROM parquet_metadata('${OUTSIDE}/canary.parquet')
--- parquet_schema of a file outside | file system operations are disabled
SELECT * FROM parquet_schema('${OUTSIDE}/canary.parquet')
--- parquet_kv_metadata of a file outside | file system operations are disabled
SELECT * FROM parquet_kv_metadata('${OUTSIDE}/canary.parquet')
--- parquet_file_metadata of a file outside | file system operations are disabled
SELECT * FROM parquet_file_metadata('${OUTSIDE}/canary.parquet')
--- sniff_csv of a file outside | file system operations are disabled
SELECT * FROM sniff_csv('${OUTSIDE}/canary.csv')
--- glob of the outside folder | file system operations are disabled
SELECT * FROM glob('${OUTSIDE}/*')
--- glob of the root | file system operations are disabled
SELECT * FROM glob('/*')
--- glob of the working directory | file system operations are disabled
SELECT * FROM glob('*')
--- recursive glob of the warehouse | file system operations are disabled
SELECT * FROM glob('${WAREHOUSE}/**')
--- glob of the home folder | file system operations are disabled
SELECT * FROM glob('~/*')
--- replacement scan of a CSV outside | file system operations are disabled
SELECT * FROM '${OUTSIDE}/canary.csv'
--- replacement scan of a Parquet file outside | file system operations are disabled
SELECT * FROM '${OUTSIDE}/canary.parquet'
--- replacement scan of a JSON file outside | file system operations are disabled
SELECT * FROM '${OUTSIDE}/canary.json'
--- FROM-first replacement scan | file system operations are disabled
FROM '${OUTSIDE}/canary.csv'
--- query_table on a file path | file system operations are disabled
SELECT * FROM query_table('${OUTSIDE}/canary.csv')
--- query() with a read of a file outside | file system operations are disabled
SELECT * FROM query('SELECT * FROM read_text(''${OUTSIDE}/canary.txt'')')
--- a dot-dot path out of a live segment | file system operations are disabled
SELECT * FROM read_text('${SEGMENT}/../../../../canary.txt')
--- a dot-dot path to the outside folder | file system operations are disabled
SELECT * FROM read_csv('${SEGMENT}/../../../../../${OUTSIDE}/canary.csv')
--- a dot-dot path to a sibling segment | file system operations are disabled
SELECT * FROM read_parquet('${SEGMENT}/../${SIBLING_NAME}/part-00000.parquet')
--- a dot-dot glob from a live segment | file system operations are disabled
SELECT * FROM glob('${SEGMENT}/../*')
--- a symlink in a live segment to a text file outside | file system operations are disabled
SELECT * FROM read_text('${SEGMENT}/canary-link.txt')
--- a symlink in a live segment to a CSV outside | file system operations are disabled
SELECT * FROM read_csv('${SEGMENT}/canary-link.csv')
--- a symlink read as a blob | file system operations are disabled
SELECT * FROM read_blob('${SEGMENT}/canary-link.csv')
--- a directory symlink in a live segment | file system operations are disabled
SELECT * FROM read_text('${SEGMENT}/outside-link/canary.txt')
--- a glob through a directory symlink | file system operations are disabled
SELECT * FROM glob('${SEGMENT}/outside-link/*')
--- a glob of a live segment that also matches the symlinks | file system operations are disabled
SELECT filename, content FROM read_blob('${SEGMENT}/*')
--- a replacement scan through a symlink | file system operations are disabled
SELECT * FROM '${SEGMENT}/canary-link.csv'
--- a sibling segment folder not in the live snapshot | file system operations are disabled
SELECT * FROM read_parquet('${SIBLING}/part-00000.parquet')
--- a CSV in a sibling segment folder | file system operations are disabled
SELECT * FROM read_csv('${SIBLING}/secret.csv')
--- parquet_metadata of a sibling segment | file system operations are disabled
SELECT * FROM parquet_metadata('${SIBLING}/part-00000.parquet')
--- every segment of a table, live or not | file system operations are disabled
SELECT * FROM read_parquet('${WAREHOUSE}/data/requests/*/*.parquet')
--- every Parquet file of the warehouse | file system operations are disabled
SELECT count(*) FROM read_parquet('${WAREHOUSE}/data/**/*.parquet')
--- a folder whose name extends a live segment's | file system operations are disabled
SELECT * FROM read_csv('${PREFIX_SIBLING}/secret.csv')
--- the users file with password hashes | file system operations are disabled
SELECT * FROM read_text('${WAREHOUSE}/dashboard/users.json')
--- the users file as JSON | file system operations are disabled
SELECT * FROM read_json('${WAREHOUSE}/dashboard/users.json')
--- the console's own audit log | file system operations are disabled
SELECT * FROM read_text('${WAREHOUSE}/dashboard/audit.log')
--- the snapshot pointer | file system operations are disabled
SELECT * FROM read_text('${WAREHOUSE}/CURRENT')
--- the snapshot manifests | file system operations are disabled
SELECT * FROM read_json('${WAREHOUSE}/snapshots/*.json')
--- a canary in the warehouse root | file system operations are disabled
SELECT * FROM read_text('${WAREHOUSE}/canary.txt')
--- a relative path into the warehouse layout | file system operations are disabled
SELECT * FROM read_parquet('data/requests/*/*.parquet')
--- a file:// URL | file system operations are disabled
SELECT * FROM read_text('file://${OUTSIDE}/canary.txt')
--- an http URL | file system operations are disabled
SELECT * FROM read_text('http://127.0.0.1:1/secret')
--- an https URL read as CSV | file system operations are disabled
SELECT * FROM read_csv('https://example.com/data.csv')
--- an s3 URL | file system operations are disabled
SELECT * FROM read_parquet('s3://bucket/key.parquet')
--- a read of a file outside inside a scalar subquery | file system operations are disabled
SELECT (SELECT content FROM read_text('${OUTSIDE}/canary.txt')) AS c
--- a read of a file outside inside a CTE | file system operations are disabled
WITH c AS (SELECT * FROM read_text('${OUTSIDE}/canary.txt')) SELECT * FROM c
--- a read of a file outside joined to a table | file system operations are disabled
SELECT r.request_id, c.content FROM requests r, read_text('${OUTSIDE}/canary.txt') c LIMIT 1
--- a read of a file outside in a UNION | file system operations are disabled
SELECT district_code FROM districts UNION ALL SELECT content FROM read_text('${OUTSIDE}/canary.txt')
--- a read of a file outside in a lateral join | file system operations are disabled
SELECT * FROM districts d, LATERAL (SELECT content FROM read_text('${OUTSIDE}/canary.txt') WHERE d.district_code IS NOT NULL)
--- a path computed from a column, in a lateral join | does not support lateral join column parameters
SELECT * FROM (SELECT '${OUTSIDE}/canary.txt' AS f) t, LATERAL (SELECT content FROM read_text(t.f))
