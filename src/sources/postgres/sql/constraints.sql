-- Primary key, unique, exclusion, check and foreign key constraints of user
-- tables, as the server deparses them. Constraints a partition or child
-- inherits from its parent are left out: the parent's re-create them.
SELECT con.conrelid::bigint AS table_oid,
       con.conname AS name,
       con.contype::text AS type,
       pg_catalog.pg_get_constraintdef(con.oid) AS definition,
       con.condeferrable AS deferrable,
       con.condeferred AS deferred,
       coalesce(rn.nspname, '') AS ref_schema,
       coalesce(rc.relname, '') AS ref_table,
       coalesce((SELECT array_to_string(array_agg(a.attname ORDER BY k.ord), ',')
                 FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum), '') AS columns,
       coalesce(pg_catalog.obj_description(con.oid, 'pg_constraint'), '') AS comment,
       -- A primary key or unique constraint of a plain table is rebuilt as
       -- CREATE UNIQUE INDEX + ADD CONSTRAINT USING INDEX (its index build
       -- then lets verification read the table): what follows the table name
       -- in its index's definition.
       CASE WHEN con.contype IN ('p', 'u') AND NOT con.condeferrable AND c.relkind = 'r'
            THEN substr(pg_catalog.pg_get_indexdef(con.conindid),
                        length('CREATE UNIQUE INDEX ' || pg_catalog.quote_ident(ic.relname) || ' ON ' ||
                               c.oid::regclass::text || ' ') + 1)
            ELSE '' END AS index_definition
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_class ic ON ic.oid = con.conindid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype IN ('p', 'u', 'x', 'c', 'f')
  AND con.conislocal AND con.conparentid = 0
  AND c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state')
  AND n.nspname NOT LIKE 'pg\_%'
ORDER BY con.conrelid, con.contype, con.conname
