-- Tables (ordinary and partitioned) of user schemas, parents before their
-- partitions and inheritance children. Run with search_path = '' so every
-- deparsed name is schema-qualified. Estimates: reltuples, or the
-- statistics collector's live rows for a table never analyzed.
WITH RECURSIVE depth AS (
  SELECT c.oid, 0 AS level
  FROM pg_catalog.pg_class c
  WHERE c.relkind IN ('r', 'p') AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid)
  UNION ALL
  SELECT i.inhrelid, d.level + 1
  FROM pg_catalog.pg_inherits i JOIN depth d ON d.oid = i.inhparent
)
SELECT c.oid::bigint AS oid,
       n.nspname AS schema,
       c.relname AS name,
       c.relkind::text AS relkind,
       CASE WHEN c.relkind = 'p' THEN 0  -- its rows are counted in its partitions
            WHEN c.reltuples >= 0 THEN c.reltuples::bigint
            ELSE coalesce(pg_catalog.pg_stat_get_live_tuples(c.oid), 0) END AS row_estimate,
       pg_catalog.pg_total_relation_size(c.oid) AS size_bytes,
       pg_catalog.pg_relation_size(c.oid) / pg_catalog.current_setting('block_size')::int AS pages,
       coalesce(pg_catalog.obj_description(c.oid, 'pg_class'), '') AS comment,
       CASE WHEN c.relkind = 'p' THEN 'PARTITION BY ' || pg_catalog.pg_get_partkeydef(c.oid) ELSE '' END AS partition_by,
       CASE WHEN c.relispartition THEN
         (SELECT 'PARTITION OF ' || i.inhparent::regclass::text || ' ' || pg_catalog.pg_get_expr(c.relpartbound, c.oid)
          FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid)
       ELSE '' END AS partition_of,
       CASE WHEN c.relispartition THEN
         (SELECT i.inhparent::regclass::text FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid)
       ELSE '' END AS partition_parent,
       CASE WHEN NOT c.relispartition THEN
         coalesce((SELECT 'INHERITS (' || string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno) || ')'
                   FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid), '')
       ELSE '' END AS inherits,
       CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED' ELSE '' END AS persistence,
       coalesce(array_to_string(c.reloptions, ', '), '') AS reloptions,
       (SELECT max(d.level) FROM depth d WHERE d.oid = c.oid) AS level
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state')
  AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY level, n.nspname, c.relname
