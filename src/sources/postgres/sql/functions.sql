-- Functions, procedures and aggregates of user schemas (not extension
-- members), in creation order. `after` is 'tables' or 'views' for those
-- whose arguments or result use a table's or view's row type: they are
-- created once those exist; the others before the tables (with
-- check_function_bodies off, as pg_dump does).
WITH user_ns AS (
  SELECT oid, nspname FROM pg_catalog.pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state') AND nspname NOT LIKE 'pg\_%'
),
ext_member AS (
  SELECT classid, objid FROM pg_catalog.pg_depend WHERE deptype = 'e'
)
  SELECT 'function' AS kind, n.nspname AS schema, '' AS tbl, p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS name,
         CASE WHEN p.prokind = 'a' THEN
           (SELECT 'CREATE AGGREGATE ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) ||
                   '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ') (SFUNC = ' || a.aggtransfn::regproc::text ||
                   ', STYPE = ' || pg_catalog.format_type(a.aggtranstype, NULL) ||
                   CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc::text ELSE '' END ||
                   CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text ELSE '' END ||
                   CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || pg_catalog.quote_literal(a.agginitval) ELSE '' END || ')'
            FROM pg_catalog.pg_aggregate a WHERE a.aggfnoid = p.oid)
         ELSE 'SET LOCAL check_function_bodies = off; ' || pg_catalog.pg_get_functiondef(p.oid) END AS sql,
         coalesce((SELECT max(CASE WHEN c.relkind IN ('v', 'm') THEN 'views' ELSE 'tables' END)
                   FROM pg_catalog.pg_depend d
                   JOIN pg_catalog.pg_type t ON t.oid = d.refobjid
                   JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
                   WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid
                     AND d.refclassid = 'pg_catalog.pg_type'::regclass AND c.relkind IN ('r', 'p', 'v', 'm', 'f')), '') AS after
  FROM pg_catalog.pg_proc p JOIN user_ns n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p', 'a')
    AND NOT EXISTS (SELECT 1 FROM ext_member x WHERE x.classid = 'pg_catalog.pg_proc'::regclass AND x.objid = p.oid)
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d  -- a range type's own constructors
                    WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')
ORDER BY p.prokind = 'a', p.oid
