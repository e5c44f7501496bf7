-- Owners of user objects, one ALTER ... OWNER TO per object (run with
-- --owners, only when the target has the role): schemas, tables and
-- partitions, views, materialized views, sequences that belong to no column
-- (owned ones follow their table), standalone types and domains, functions,
-- procedures and aggregates. Extension members are left to their extension.
-- `tbl` names the table or view a statement belongs to (--tables).
WITH user_ns AS (
  SELECT oid, nspname, nspowner FROM pg_catalog.pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state') AND nspname NOT LIKE 'pg\_%'
),
ext_member AS (
  SELECT classid, objid FROM pg_catalog.pg_depend WHERE deptype = 'e'
)
SELECT kind, schema, tbl, name, sql || ' OWNER TO ' || pg_catalog.quote_ident(role) AS sql, role FROM (
  SELECT 1 AS phase, 'owner' AS kind, n.nspname AS schema, '' AS tbl, n.nspname AS name,
         'ALTER SCHEMA ' || pg_catalog.quote_ident(n.nspname) AS sql,
         pg_catalog.pg_get_userbyid(n.nspowner) AS role, n.oid::bigint AS ord
  FROM user_ns n
  UNION ALL
  SELECT 2, 'owner', n.nspname, CASE WHEN c.relkind = 'S' THEN '' ELSE c.relname END, c.relname,
         'ALTER ' || CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                                    ELSE 'TABLE' END || ' ' || c.oid::regclass::text,
         pg_catalog.pg_get_userbyid(c.relowner), c.oid::bigint
  FROM pg_catalog.pg_class c JOIN user_ns n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
    AND NOT EXISTS (SELECT 1 FROM ext_member x WHERE x.classid = 'pg_catalog.pg_class'::regclass AND x.objid = c.oid)
    AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                         WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
                                           AND d.deptype IN ('a', 'i')))
  UNION ALL
  SELECT 3, 'owner', n.nspname, '', t.typname,
         'ALTER ' || CASE WHEN t.typtype = 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END || t.oid::regtype::text,
         pg_catalog.pg_get_userbyid(t.typowner), t.oid::bigint
  FROM pg_catalog.pg_type t JOIN user_ns n ON n.oid = t.typnamespace
  WHERE (t.typtype IN ('e', 'r', 'd')
         OR (t.typtype = 'c' AND (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c'))
    AND NOT EXISTS (SELECT 1 FROM ext_member x WHERE x.classid = 'pg_catalog.pg_type'::regclass AND x.objid = t.oid)
  UNION ALL
  SELECT 4, 'owner', n.nspname, '', p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',
         'ALTER ' || CASE p.prokind WHEN 'a' THEN 'AGGREGATE ' WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END ||
         p.oid::regprocedure::text,
         pg_catalog.pg_get_userbyid(p.proowner), p.oid::bigint
  FROM pg_catalog.pg_proc p JOIN user_ns n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p', 'a')
    AND NOT EXISTS (SELECT 1 FROM ext_member x WHERE x.classid = 'pg_catalog.pg_proc'::regclass AND x.objid = p.oid)
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d  -- a range type's own constructors
                    WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')
) o
ORDER BY phase, ord
