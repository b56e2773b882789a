# Several statements in one request, and tricks to smuggle a second one in.
--- two SELECTs | one statement at a time
SELECT 1; SELECT 2
--- a SELECT, then a COPY | only a single read-only query
SELECT 1; COPY requests TO '${OUT}/second.csv'
--- a SELECT, then a SET | only a single read-only query
SELECT * FROM districts; SET enable_external_access = true
--- a SET, then a SELECT | only a single read-only query
SET enable_external_access = true; SELECT * FROM read_text('${OUTSIDE}/canary.txt')
--- a SELECT, then ATTACH | only a single read-only query
SELECT 1; ATTACH '${OUT}/x.duckdb' AS x
--- a SELECT, then INSTALL and LOAD | only a single read-only query
SELECT 1; INSTALL httpfs; LOAD httpfs
--- a SELECT, then DROP | only a single read-only query
SELECT 1; DROP VIEW requests
--- a SELECT, then EXPORT DATABASE | only a single read-only query
SELECT 1; EXPORT DATABASE '${OUT}/exp'
--- statements on several lines | only a single read-only query
SELECT district_code
FROM districts;
PRAGMA enable_profiling;
SELECT 1
--- a second statement after a comment | only a single read-only query
SELECT 1 /* harmless */; COPY (SELECT 1) TO '${OUT}/after-comment.csv'
--- a second statement after a line comment | only a single read-only query
SELECT 1 -- comment
; CREATE TABLE t AS SELECT 1
--- a semicolon inside a string is fine, the statement after it is not | only a single read-only query
SELECT ';' AS s; DELETE FROM districts
--- query() with two statements | Expected a single SELECT statement
SELECT * FROM query('SELECT 1; SELECT 2')
--- query() with SET | Expected a single SELECT statement
SELECT * FROM query('SET enable_external_access = true')
--- query() with ATTACH | Expected a single SELECT statement
SELECT * FROM query('ATTACH '':memory:'' AS m')
--- query() with INSTALL | Expected a single SELECT statement
SELECT * FROM query('INSTALL httpfs')
--- query() with PRAGMA | Expected a single SELECT statement
SELECT * FROM query('PRAGMA version')
--- an unterminated string swallowing a second statement | syntax error
SELECT 'abc; COPY requests TO ''${OUT}/x.csv''
--- a closing parenthesis to break out of the row-limit wrapper | syntax error
SELECT 1) AS q; COPY requests TO '${OUT}/breakout.csv'; SELECT * FROM (SELECT 1
--- an empty statement list | the query is empty
   
--- only a comment | the query is empty
-- nothing here
