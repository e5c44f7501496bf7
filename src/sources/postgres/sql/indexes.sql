-- Indexes of user tables that back no constraint; `definition` is the part
-- of pg_get_indexdef after the table name ("USING btree (a) INCLUDE (b)
-- WHERE ..."), so the target re-creates it on its own table name.
SELECT i.indrelid::bigint AS table_oid,
       ic.relname AS name,
       i.indisunique AS is_unique,
       substr(pg_catalog.pg_get_indexdef(i.indexrelid),
              length('CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' ||
                     pg_catalog.quote_ident(ic.relname) || ' ON ' ||
                     CASE WHEN c.relkind = 'p' THEN 'ONLY ' ELSE '' END || c.oid::regclass::text || ' ') + 1) AS definition,
       coalesce(pg_catalog.obj_description(i.indexrelid, 'pg_class'), '') AS comment
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state')
  AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname
