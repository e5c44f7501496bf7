#!/bin/bash
# Loads the files written by pg_copy_roundtrip into a throwaway PostgreSQL and
# prints the number of rows where the server disagrees (every count must be 0).
#   PSQL="psql -h /tmp/h2pg -p 55999 -U postgres" tests/manual/check_pg_copy.sh DIR
set -euo pipefail
DIR=${1:?usage: check_pg_copy.sh DIR}
PSQL=${PSQL:-psql}
$PSQL -v ON_ERROR_STOP=1 -qAt <<SQL
SET TimeZone = 'UTC';
DROP TABLE IF EXISTS copy_numeric, copy_float, copy_temporal, copy_all;
CREATE TABLE copy_numeric (n numeric, expected text);
CREATE TABLE copy_float (d float8, f float4, bits8 text, bits4 text);
CREATE TABLE copy_temporal (ts timestamp, tz timestamptz, dt date, tm time, iv interval,
                            ts_text text, dt_text text, tm_text text, iv_text text);
CREATE TABLE copy_all (b boolean, s int2, i int4, l int8, r real, d float8, n numeric, t text,
                       y bytea, dt date, tm time, ts timestamp, tz timestamptz, iv interval,
                       u uuid, j json, jb jsonb);
COPY copy_numeric FROM '$DIR/numeric.bin' (FORMAT binary);
COPY copy_float FROM '$DIR/float.bin' (FORMAT binary);
COPY copy_temporal FROM '$DIR/temporal.bin' (FORMAT binary);
COPY copy_all FROM '$DIR/all.bin' (FORMAT binary);
SELECT 'numeric rows', count(*) FROM copy_numeric;
SELECT 'numeric mismatches', count(*) FROM copy_numeric WHERE n::text <> expected;
SELECT 'float rows', count(*) FROM copy_float;
SELECT 'float8 bit mismatches', count(*) FROM copy_float WHERE encode(float8send(d), 'hex') <> bits8;
SELECT 'float4 bit mismatches', count(*) FROM copy_float WHERE encode(float4send(f), 'hex') <> bits4;
SELECT 'timestamp mismatches', count(*) FROM copy_temporal WHERE ts::text <> ts_text;
SELECT 'timestamptz mismatches', count(*) FROM copy_temporal WHERE tz::text <> ts_text || '+00';
SELECT 'date mismatches', count(*) FROM copy_temporal WHERE dt::text <> dt_text;
SELECT 'time mismatches', count(*) FROM copy_temporal WHERE tm::text <> tm_text;
SELECT 'interval mismatches', count(*) FROM copy_temporal WHERE iv::text <> iv_text::interval::text;
\x on
SELECT * FROM copy_all;
SQL
