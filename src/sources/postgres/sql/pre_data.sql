-- Objects created before the tables, in dependency order: schemas,
-- extensions, types (enums, ranges, composites, domains), sequences
-- (functions: functions.sql). Each row is one statement the target runs as is
-- (schema names are mapped by the planner). Extension members are left to
-- their extension.
WITH user_ns AS (
  SELECT oid, nspname FROM pg_catalog.pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state') AND nspname NOT LIKE 'pg\_%'
),
ext_member AS (
  SELECT classid, objid FROM pg_catalog.pg_depend WHERE deptype = 'e'
)
SELECT * FROM (
  SELECT 1 AS phase, 'schema' AS kind, n.nspname AS schema, '' AS tbl, n.nspname AS name,
         'CREATE SCHEMA IF NOT EXISTS ' || pg_catalog.quote_ident(n.nspname) AS sql, n.oid::bigint AS ord
  FROM user_ns n
  UNION ALL
  SELECT 2, 'extension', n.nspname, '', e.extname,
         'CREATE EXTENSION IF NOT EXISTS ' || pg_catalog.quote_ident(e.extname) || ' WITH SCHEMA ' || pg_catalog.quote_ident(n.nspname),
         e.oid::bigint
  FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname <> 'plpgsql'
  UNION ALL
  SELECT 3, 'type', n.nspname, '', t.typname,
         CASE t.typtype
           WHEN 'e' THEN 'CREATE TYPE ' || t.oid::regtype::text || ' AS ENUM (' ||
             coalesce((SELECT string_agg(pg_catalog.quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                       FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '') || ')'
           WHEN 'r' THEN (SELECT 'CREATE TYPE ' || t.oid::regtype::text || ' AS RANGE (SUBTYPE = ' ||
                                 pg_catalog.format_type(r.rngsubtype, NULL) ||
                                 CASE WHEN r.rngsubdiff <> 0 THEN ', SUBTYPE_DIFF = ' || r.rngsubdiff::regproc::text ELSE '' END ||
                                 CASE WHEN r.rngcanonical <> 0 THEN ', CANONICAL = ' || r.rngcanonical::regproc::text ELSE '' END ||
                                 ', MULTIRANGE_TYPE_NAME = ' || r.rngmultitypid::regtype::text || ')'
                          FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid)
           WHEN 'c' THEN 'CREATE TYPE ' || t.oid::regtype::text || ' AS (' ||
             coalesce((SELECT string_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                       FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')'
           ELSE 'CREATE DOMAIN ' || t.oid::regtype::text || ' AS ' || pg_catalog.format_type(t.typbasetype, t.typtypmod) ||
             CASE WHEN t.typdefault IS NOT NULL THEN ' DEFAULT ' || t.typdefault ELSE '' END ||
             CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END ||
             coalesce((SELECT string_agg(' CONSTRAINT ' || pg_catalog.quote_ident(c.conname) || ' ' || pg_catalog.pg_get_constraintdef(c.oid), '' ORDER BY c.conname)
                       FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid), '')
         END,
         t.oid::bigint
  FROM pg_catalog.pg_type t JOIN user_ns n ON n.oid = t.typnamespace
  WHERE (t.typtype IN ('e', 'r', 'd')
         OR (t.typtype = 'c' AND (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c'))
    AND NOT EXISTS (SELECT 1 FROM ext_member x WHERE x.classid = 'pg_catalog.pg_type'::regclass AND x.objid = t.oid)
  UNION ALL
  SELECT 5, 'sequence', n.nspname, '', c.relname,
         format('CREATE SEQUENCE %s AS %s START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s%s',
                c.oid::regclass::text, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                s.seqmin, s.seqmax, s.seqcache, CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END),
         c.oid::bigint
  FROM pg_catalog.pg_class c JOIN user_ns n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
  WHERE c.relkind = 'S'
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                    WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('i', 'e'))
) o
ORDER BY phase, ord
