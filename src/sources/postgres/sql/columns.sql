-- Columns of every user table, in table and position order. `type` is the
-- server's own spelling (format_type); `binary_portable` is false when the
-- binary COPY form of the type embeds type OIDs that differ between
-- databases (arrays of user types, composites) or the type has no binary
-- I/O: such tables are relayed in COPY text format.
SELECT a.attrelid::bigint AS table_oid,
       a.attname AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_expr,
       a.attidentity::text AS identity,
       a.attgenerated::text AS generated,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
         (SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
          FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
          WHERE co.oid = a.attcollation)
       ELSE '' END AS collation,
       coalesce(pg_catalog.col_description(a.attrelid, a.attnum), '') AS comment,
       bt.typname AS base_type,
       NOT a.attislocal AS inherited,
       NOT (bt.typsend = 0 OR bt.typreceive = 0 OR bt.typtype = 'c'
            OR (bt.typcategory = 'A' AND (bt.typelem >= 16384 OR et.typtype IN ('c', 'd')))) AS binary_portable,
       CASE WHEN a.attidentity <> '' THEN
         (SELECT format('GENERATED %s AS IDENTITY (SEQUENCE NAME %s START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s%s)',
                        CASE a.attidentity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END,
                        s.seqrelid::regclass::text, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
                        CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END)
          FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
          WHERE dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'
            AND dep.classid = 'pg_catalog.pg_class'::regclass LIMIT 1)
       ELSE '' END AS identity_definition
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
LEFT JOIN pg_catalog.pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state')
  AND n.nspname NOT LIKE 'pg\_%'
ORDER BY a.attrelid, a.attnum
