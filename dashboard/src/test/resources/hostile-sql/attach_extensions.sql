# ATTACH/DETACH/USE, INSTALL/LOAD and the functions of extensions that are not loaded.
--- ATTACH a new database file | only a single read-only query
ATTACH '${OUT}/new.duckdb' AS x
--- ATTACH in memory | only a single read-only query
ATTACH ':memory:' AS m
--- ATTACH a file outside read-only | only a single read-only query
ATTACH '${OUTSIDE}/canary.txt' AS c (READ_ONLY)
--- ATTACH SQLite | only a single read-only query
ATTACH '${OUT}/x.sqlite' AS s (TYPE sqlite)
--- ATTACH Postgres | only a single read-only query
ATTACH 'dbname=postgres host=127.0.0.1' AS p (TYPE postgres)
--- DETACH | only a single read-only query
DETACH memory
--- USE | only a single read-only query
USE memory
--- INSTALL an extension | only a single read-only query
INSTALL httpfs
--- FORCE INSTALL | only a single read-only query
FORCE INSTALL sqlite
--- INSTALL from a URL | only a single read-only query
INSTALL shell FROM 'http://127.0.0.1:1/'
--- LOAD an extension | only a single read-only query
LOAD httpfs
--- LOAD a library file | only a single read-only query
LOAD '${OUTSIDE}/evil.duckdb_extension'
--- UPDATE EXTENSIONS | only a single read-only query
UPDATE EXTENSIONS
--- sqlite_scan without the extension | sqlite_scan
SELECT * FROM sqlite_scan('${OUTSIDE}/x.sqlite', 't')
--- postgres_scan without the extension | postgres_scan
SELECT * FROM postgres_scan('host=127.0.0.1', 'public', 't')
--- mysql_scan without the extension | mysql_scan
SELECT * FROM mysql_scan('host=127.0.0.1', 'db', 't')
--- read_xlsx without the extension | read_xlsx
SELECT * FROM read_xlsx('${OUTSIDE}/x.xlsx')
--- st_read without the extension | st_read
SELECT * FROM st_read('${OUTSIDE}/canary.csv')
--- iceberg_scan without the extension | iceberg_scan
SELECT * FROM iceberg_scan('${OUTSIDE}')
--- delta_scan without the extension | delta_scan
SELECT * FROM delta_scan('${OUTSIDE}')
--- the shell's getenv | getenv
SELECT getenv('HOME')
