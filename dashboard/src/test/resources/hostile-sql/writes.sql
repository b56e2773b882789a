# Writing: COPY ... TO, EXPORT/IMPORT DATABASE, DDL and DML, data-modifying CTEs.
--- COPY a table to a CSV | only a single read-only query
COPY requests TO '${OUT}/requests.csv'
--- COPY a query to Parquet | only a single read-only query
COPY (SELECT * FROM districts) TO '${OUT}/districts.parquet' (FORMAT parquet)
--- COPY to JSON | only a single read-only query
COPY (SELECT 1 AS x) TO '${OUT}/x.json' (FORMAT json)
--- COPY a secret-looking value into the warehouse | only a single read-only query
COPY (SELECT 'x' AS x) TO '${WAREHOUSE}/data/requests/injected.parquet' (FORMAT parquet)
--- COPY over a live segment file | only a single read-only query
COPY (SELECT 1 AS x) TO '${SEGMENT}/part-99999.parquet' (FORMAT parquet)
--- COPY FROM a file outside | only a single read-only query
COPY districts FROM '${OUTSIDE}/canary.csv'
--- COPY FROM DATABASE | only a single read-only query
COPY FROM DATABASE memory TO memory
--- EXPORT DATABASE | only a single read-only query
EXPORT DATABASE '${OUT}/export'
--- EXPORT DATABASE as Parquet | only a single read-only query
EXPORT DATABASE '${OUT}/export2' (FORMAT parquet)
--- IMPORT DATABASE | only a single read-only query
IMPORT DATABASE '${OUTSIDE}'
--- CREATE TABLE AS | only a single read-only query
CREATE TABLE stolen AS SELECT * FROM requests
--- CREATE TEMP TABLE | only a single read-only query
CREATE TEMP TABLE t AS SELECT 1
--- CREATE VIEW over a file outside | only a single read-only query
CREATE VIEW v AS SELECT * FROM read_text('${OUTSIDE}/canary.txt')
--- CREATE OR REPLACE a snapshot view | only a single read-only query
CREATE OR REPLACE VIEW districts AS SELECT 'hacked' AS district_code
--- CREATE MACRO | only a single read-only query
CREATE MACRO leak() AS TABLE SELECT * FROM read_text('${OUTSIDE}/canary.txt')
--- CREATE SEQUENCE | only a single read-only query
CREATE SEQUENCE s
--- CREATE SECRET | only a single read-only query
CREATE SECRET s3secret (TYPE s3, KEY_ID 'x', SECRET 'y')
--- CREATE TYPE | only a single read-only query
CREATE TYPE mood AS ENUM ('a', 'b')
--- CREATE SCHEMA | only a single read-only query
CREATE SCHEMA evil
--- CREATE INDEX | only a single read-only query
CREATE INDEX i ON requests (request_id)
--- INSERT | only a single read-only query
INSERT INTO districts VALUES ('999999', '假区', 'Fake')
--- INSERT ... RETURNING | only a single read-only query
INSERT INTO districts VALUES ('999999', '假区', 'Fake') RETURNING *
--- UPDATE | only a single read-only query
UPDATE requests SET sla_status = 'ON_TIME'
--- DELETE | only a single read-only query
DELETE FROM requests
--- TRUNCATE | only a single read-only query
TRUNCATE requests
--- DROP VIEW | only a single read-only query
DROP VIEW requests
--- ALTER VIEW | only a single read-only query
ALTER VIEW requests RENAME TO r2
--- COMMENT ON | only a single read-only query
COMMENT ON VIEW requests IS 'x'
--- a CTE with DELETE | DELETE inside a query is refused
WITH d AS (DELETE FROM requests RETURNING *) SELECT count(*) FROM d
--- a CTE with UPDATE | UPDATE inside a query is refused
WITH u AS (UPDATE districts SET name_en = 'x' RETURNING *) SELECT * FROM u
--- a CTE with INSERT | INSERT inside a query is refused
WITH i AS (INSERT INTO districts VALUES ('999999', 'x', 'y') RETURNING *) SELECT * FROM i
--- a DML CTE behind a harmless one | DELETE inside a query is refused
WITH a AS (SELECT 1 AS x), d AS (DELETE FROM districts RETURNING *) SELECT * FROM a
--- a DML CTE in a subquery | DELETE inside a query is refused
SELECT * FROM (WITH d AS (DELETE FROM districts RETURNING *) SELECT * FROM d) t
--- a DML CTE under a UNION | DELETE inside a query is refused
SELECT 1 AS x UNION ALL (WITH d AS (DELETE FROM districts RETURNING 1) SELECT * FROM d)
--- a materialized DML CTE | DELETE inside a query is refused
WITH d AS MATERIALIZED (DELETE FROM districts RETURNING *) SELECT 1
--- query() running COPY | Expected a single SELECT statement
SELECT * FROM query('COPY requests TO ''${OUT}/via-query.csv''')
--- query() running DELETE | Expected a single SELECT statement
SELECT * FROM query('DELETE FROM districts')
--- query() running CREATE TABLE | Expected a single SELECT statement
SELECT * FROM query('CREATE TABLE t AS SELECT 1')
--- CHECKPOINT | only a single read-only query
CHECKPOINT
--- VACUUM | only a single read-only query
VACUUM
--- EXPLAIN ANALYZE of a write | only a single read-only query
EXPLAIN ANALYZE COPY requests TO '${OUT}/explain.csv'
