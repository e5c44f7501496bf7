-- GRANTs on user schemas, tables (with partitions, views and materialized
-- views) and sequences, one statement per object, grantee and grant option
-- (run with --grants, only when the target has the grantee; PUBLIC always).
-- The owner's own privileges come with ownership (--owners) and are left
-- out; so are column privileges and default privileges. `tbl` names the
-- table or view a statement belongs to (--tables).
WITH user_ns AS (
  SELECT oid, nspname, nspowner, nspacl FROM pg_catalog.pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state') AND nspname NOT LIKE 'pg\_%'
),
acl AS (
  SELECT 1 AS phase, n.oid::bigint AS ord, n.nspname AS schema, '' AS tbl, n.nspname AS object_name,
         'SCHEMA ' || pg_catalog.quote_ident(n.nspname) AS object, n.nspowner AS owner, a.grantee, a.privilege_type,
         a.is_grantable
  FROM user_ns n CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) a
  UNION ALL
  SELECT 2, c.oid::bigint, n.nspname, CASE WHEN c.relkind = 'S' THEN '' ELSE c.relname END, c.relname,
         CASE WHEN c.relkind = 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END || c.oid::regclass::text, c.relowner,
         a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_class c JOIN user_ns n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                    WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
)
SELECT 'grant' AS kind, schema, tbl,
       object_name || ' to ' || CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(grantee) END ||
         CASE WHEN is_grantable THEN ' with grant option' ELSE '' END AS name,
       'GRANT ' || string_agg(privilege_type, ', ' ORDER BY privilege_type) || ' ON ' || object || ' TO ' ||
         CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(grantee)) END ||
         CASE WHEN is_grantable THEN ' WITH GRANT OPTION' ELSE '' END AS sql,
       CASE WHEN grantee = 0 THEN '' ELSE pg_catalog.pg_get_userbyid(grantee) END AS role
FROM acl
WHERE grantee <> owner
GROUP BY phase, ord, schema, tbl, object_name, object, grantee, is_grantable
ORDER BY phase, ord, role, is_grantable
