-- Objects created after the rows: sequence ownership and positions, views
-- and materialized views (views that use other views after them; a
-- refresh of the populated ones for --data-only), indexes of materialized views, triggers, rules and comments. `tbl` names the table
-- a statement belongs to, so --tables can leave it out with its table.
WITH RECURSIVE user_ns AS (
  SELECT oid, nspname FROM pg_catalog.pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state') AND nspname NOT LIKE 'pg\_%'
),
views AS (
  SELECT c.oid, c.relname, c.relkind, c.relnamespace, c.relispopulated, c.reloptions
  FROM pg_catalog.pg_class c JOIN user_ns n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('v', 'm')
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                    WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
),
view_deps AS (  -- (view, a view or materialized view it reads)
  SELECT DISTINCT r.ev_class AS view, d.refobjid AS uses
  FROM pg_catalog.pg_rewrite r
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
  WHERE d.refobjid <> r.ev_class AND d.refobjid IN (SELECT oid FROM views) AND r.ev_class IN (SELECT oid FROM views)
),
levels AS (
  SELECT oid AS view, 0 AS level FROM views
  UNION ALL
  SELECT vd.view, l.level + 1 FROM view_deps vd JOIN levels l ON l.view = vd.uses WHERE l.level < 100
),
tables AS (
  SELECT c.oid, c.relname, n.nspname FROM pg_catalog.pg_class c JOIN user_ns n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
)
SELECT * FROM (
  SELECT 1 AS phase, 'sequence_owner' AS kind, n.nspname AS schema, t.relname AS tbl, c.relname AS name,
         format('ALTER SEQUENCE %s OWNED BY %s.%s', c.oid::regclass::text, t.oid::regclass::text, pg_catalog.quote_ident(a.attname)) AS sql,
         c.oid::bigint AS ord
  FROM pg_catalog.pg_class c JOIN user_ns n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a'
                              AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjsubid > 0
  JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
  JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
  WHERE c.relkind = 'S'
  UNION ALL
  SELECT 2, 'sequence_set', n.nspname, coalesce(t.relname, ''), c.relname,
         format('SELECT pg_catalog.setval(%L, %s, %s)', c.oid::regclass::text,
                coalesce(pg_catalog.pg_sequence_last_value(c.oid), s.seqstart),
                CASE WHEN pg_catalog.pg_sequence_last_value(c.oid) IS NOT NULL THEN 'true' ELSE 'false' END),
         c.oid::bigint
  FROM pg_catalog.pg_class c JOIN user_ns n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
  LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')
                                   AND d.refclassid = 'pg_catalog.pg_class'::regclass
  LEFT JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
  WHERE c.relkind = 'S'
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                    WHERE x.classid = 'pg_catalog.pg_class'::regclass AND x.objid = c.oid AND x.deptype = 'e')
  UNION ALL
  SELECT 3, CASE WHEN v.relkind = 'm' THEN 'materialized_view' ELSE 'view' END, n.nspname, v.relname, v.relname,
         CASE WHEN v.relkind = 'm' THEN 'CREATE MATERIALIZED VIEW ' ELSE 'CREATE VIEW ' END || v.oid::regclass::text ||
         CASE WHEN v.reloptions IS NOT NULL THEN ' WITH (' || array_to_string(v.reloptions, ', ') || ')' ELSE '' END ||
         ' AS ' || rtrim(pg_catalog.pg_get_viewdef(v.oid), ';') ||
         CASE WHEN v.relkind = 'm' THEN CASE WHEN v.relispopulated THEN ' WITH DATA' ELSE ' WITH NO DATA' END ELSE '' END,
         (SELECT max(l.level) FROM levels l WHERE l.view = v.oid) * 4294967296 + v.oid::bigint
  FROM views v JOIN user_ns n ON n.oid = v.relnamespace
  UNION ALL
  SELECT 4, 'refresh', n.nspname, v.relname, v.relname, 'REFRESH MATERIALIZED VIEW ' || v.oid::regclass::text,
         (SELECT max(l.level) FROM levels l WHERE l.view = v.oid) * 4294967296 + v.oid::bigint
  FROM views v JOIN user_ns n ON n.oid = v.relnamespace
  WHERE v.relkind = 'm' AND v.relispopulated
  UNION ALL
  SELECT 4, 'index', n.nspname, v.relname, ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid), i.indexrelid::bigint
  FROM pg_catalog.pg_index i JOIN views v ON v.oid = i.indrelid AND v.relkind = 'm'
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN user_ns n ON n.oid = v.relnamespace
  UNION ALL
  SELECT 5, 'trigger', n.nspname, c.relname, tg.tgname, pg_catalog.pg_get_triggerdef(tg.oid), tg.oid::bigint
  FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid JOIN user_ns n ON n.oid = c.relnamespace
  WHERE NOT tg.tgisinternal AND tg.tgparentid = 0
  UNION ALL
  SELECT 6, 'rule', n.nspname, c.relname, r.rulename, rtrim(pg_catalog.pg_get_ruledef(r.oid), ';'), r.oid::bigint
  FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN user_ns n ON n.oid = c.relnamespace
  WHERE r.rulename <> '_RETURN'
  UNION ALL
  SELECT 7, 'comment', n.nspname, coalesce(t.relname, ''), d.objoid::text,
         'COMMENT ON ' ||
         CASE d.classoid
           WHEN 'pg_catalog.pg_class'::regclass THEN
             CASE WHEN d.objsubid > 0 THEN 'COLUMN ' || d.objoid::regclass::text || '.' ||
                    pg_catalog.quote_ident((SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = d.objoid AND attnum = d.objsubid))
             ELSE (SELECT CASE relkind WHEN 'v' THEN 'VIEW ' WHEN 'm' THEN 'MATERIALIZED VIEW ' WHEN 'i' THEN 'INDEX '
                                       WHEN 'I' THEN 'INDEX ' WHEN 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END
                   FROM pg_catalog.pg_class WHERE oid = d.objoid) || d.objoid::regclass::text END
           WHEN 'pg_catalog.pg_type'::regclass THEN 'TYPE ' || d.objoid::regtype::text
           WHEN 'pg_catalog.pg_proc'::regclass THEN
             (SELECT CASE prokind WHEN 'a' THEN 'AGGREGATE ' WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END FROM pg_catalog.pg_proc WHERE oid = d.objoid) ||
             d.objoid::regprocedure::text
           WHEN 'pg_catalog.pg_constraint'::regclass THEN
             (SELECT 'CONSTRAINT ' || pg_catalog.quote_ident(conname) || ' ON ' ||
                     CASE WHEN contypid <> 0 THEN 'DOMAIN ' || contypid::regtype::text ELSE conrelid::regclass::text END
              FROM pg_catalog.pg_constraint WHERE oid = d.objoid)
           WHEN 'pg_catalog.pg_trigger'::regclass THEN
             (SELECT 'TRIGGER ' || pg_catalog.quote_ident(tgname) || ' ON ' || tgrelid::regclass::text FROM pg_catalog.pg_trigger WHERE oid = d.objoid)
         END || ' IS ' || pg_catalog.quote_literal(d.description),
         d.objoid::bigint
  FROM pg_catalog.pg_description d
  JOIN user_ns n ON n.oid = CASE d.classoid
      WHEN 'pg_catalog.pg_class'::regclass THEN (SELECT relnamespace FROM pg_catalog.pg_class WHERE oid = d.objoid)
      WHEN 'pg_catalog.pg_type'::regclass THEN (SELECT typnamespace FROM pg_catalog.pg_type WHERE oid = d.objoid)
      WHEN 'pg_catalog.pg_proc'::regclass THEN (SELECT pronamespace FROM pg_catalog.pg_proc WHERE oid = d.objoid)
      WHEN 'pg_catalog.pg_constraint'::regclass THEN (SELECT connamespace FROM pg_catalog.pg_constraint WHERE oid = d.objoid)
      WHEN 'pg_catalog.pg_trigger'::regclass THEN
        (SELECT c.relnamespace FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid WHERE tg.oid = d.objoid)
    END
  LEFT JOIN tables t ON t.oid = CASE d.classoid
      WHEN 'pg_catalog.pg_class'::regclass THEN
        coalesce((SELECT indrelid FROM pg_catalog.pg_index WHERE indexrelid = d.objoid), d.objoid)
      WHEN 'pg_catalog.pg_constraint'::regclass THEN (SELECT conrelid FROM pg_catalog.pg_constraint WHERE oid = d.objoid)
      WHEN 'pg_catalog.pg_trigger'::regclass THEN (SELECT tgrelid FROM pg_catalog.pg_trigger WHERE oid = d.objoid)
    END
  UNION ALL
  SELECT 7, 'comment', n.nspname, '', n.nspname,
         'COMMENT ON SCHEMA ' || pg_catalog.quote_ident(n.nspname) || ' IS ' || pg_catalog.quote_literal(d.description), n.oid::bigint
  FROM user_ns n JOIN pg_catalog.pg_description d ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::regclass
) o
WHERE sql IS NOT NULL
ORDER BY phase, ord
