# SET/RESET/PRAGMA/CALL and transactions: the configuration is locked, and none of these is a query.
--- turn external access back on | only a single read-only query
SET enable_external_access = true
--- unlock the configuration | only a single read-only query
SET lock_configuration = false
--- widen the allowed directories | only a single read-only query
SET allowed_directories = ['/']
--- allow one more path | only a single read-only query
SET allowed_paths = ['${OUTSIDE}/canary.txt']
--- SET GLOBAL | only a single read-only query
SET GLOBAL enable_external_access = true
--- SET SESSION | only a single read-only query
SET SESSION memory_limit = '100GB'
--- more threads | only a single read-only query
SET threads = 64
--- re-enable extension auto-loading | only a single read-only query
SET autoload_known_extensions = true
--- re-enable extension auto-install | only a single read-only query
SET autoinstall_known_extensions = true
--- a spill folder | only a single read-only query
SET temp_directory = '${OUT}'
--- RESET a setting | only a single read-only query
RESET allowed_directories
--- RESET ALL (not even valid DuckDB) | syntax error
RESET ALL
--- PRAGMA | only a single read-only query
PRAGMA enable_profiling
--- PRAGMA with an output file | only a single read-only query
PRAGMA profiling_output = '${OUT}/profile.json'
--- PRAGMA memory limit | only a single read-only query
PRAGMA memory_limit = '100GB'
--- CALL a pragma function | only a single read-only query
CALL pragma_version()
--- CALL enable_logging | only a single read-only query
CALL enable_logging()
--- SET VARIABLE | only a single read-only query
SET VARIABLE secret_path = '${OUTSIDE}/canary.txt'
--- PREPARE | only a single read-only query
PREPARE p AS SELECT * FROM read_text('${OUTSIDE}/canary.txt')
--- EXECUTE | only a single read-only query
EXECUTE p
--- DEALLOCATE | only a single read-only query
DEALLOCATE p
--- BEGIN | only a single read-only query
BEGIN TRANSACTION
--- COMMIT | only a single read-only query
COMMIT
--- ROLLBACK | only a single read-only query
ROLLBACK
--- EXPLAIN | only a single read-only query
EXPLAIN SELECT * FROM requests
