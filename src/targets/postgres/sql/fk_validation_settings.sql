-- $1 the referencing table, $2 the referenced table (quoted qualified names).
-- Settings for validating a foreign key between them. PostgreSQL checks a
-- new foreign key with one anti-join whose work_mem is maintenance_work_mem;
-- it hashes the referenced keys. Once those keys are many (a hash table of
-- 10^6 keys is ~50 MB, far beyond the CPU caches) every probe is a cache and
-- TLB miss, and sorting both sides then merging costs half the CPU time
-- (bench dataset, 4.5M rows against 2M keys: 4.1 s hashed, 2.0 s merged;
-- 2M rows against 500k keys: 1.3 s hashed, 1.7 s merged). So: merge when the
-- referenced table has 10^6 rows or more and the referencing rows sort in
-- memory (~64 bytes a row, up to 1 GB), else leave the planner alone.
-- Both sides are sorted from sequential scans, never read in index order:
-- right after the load no page is all-visible, so an index (only) scan
-- fetches every heap tuple, in random order when the referencing rows are
-- not stored in key order (a MySQL source brings an index on the FK
-- column: 4.5M rows merged by index scans took 15 s, sorted 2.0 s).
-- reltuples is known here: both tables' keys are built (CREATE INDEX counts it).
WITH n AS (
  SELECT (SELECT reltuples FROM pg_class WHERE oid = $1::regclass) AS referencing,
         (SELECT reltuples FROM pg_class WHERE oid = $2::regclass) AS referenced,
         (SELECT setting::int8 FROM pg_settings WHERE name = 'maintenance_work_mem') AS kb
)
SELECT CASE WHEN referenced >= 1e6 AND referencing BETWEEN 0 AND 16e6
  THEN format('SET LOCAL enable_hashjoin = off; SET LOCAL enable_indexscan = off; '
              'SET LOCAL enable_indexonlyscan = off; SET LOCAL maintenance_work_mem = ''%skB''',
              greatest(kb, least(ceil(referencing * 64 / 1024)::int8, 1048576)))
  ELSE '' END
FROM n
