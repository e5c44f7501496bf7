-- cutover:mssql_columns
-- Columns of user tables: base type (alias types resolved to their system
-- type, CLR types by name), sys.columns max_length (bytes, -1 for max),
-- precision, scale, identity, computed definition, default, collation and
-- MS_Description comment.
SELECT s.name AS schema_name,
       t.name AS table_name,
       c.name AS column_name,
       c.column_id,
       CASE WHEN ty.is_user_defined = 1 AND ty.is_assembly_type = 0 THEN TYPE_NAME(c.system_type_id)
            ELSE ty.name END AS type_name,
       c.max_length,
       c.precision,
       c.scale,
       c.is_nullable,
       c.is_identity,
       CAST(ic.seed_value AS bigint) AS identity_seed,
       CAST(ic.increment_value AS bigint) AS identity_increment,
       CAST(ic.last_value AS bigint) AS identity_last,
       c.is_computed,
       cc.definition AS computed_definition,
       cc.is_persisted,
       dc.definition AS default_definition,
       c.collation_name,
       CAST(ep.value AS nvarchar(4000)) AS comment
FROM sys.columns c
JOIN sys.tables t ON t.object_id = c.object_id
JOIN sys.schemas s ON s.schema_id = t.schema_id
JOIN sys.types ty ON ty.user_type_id = c.user_type_id
LEFT JOIN sys.identity_columns ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
LEFT JOIN sys.default_constraints dc ON dc.parent_object_id = c.object_id AND dc.parent_column_id = c.column_id
LEFT JOIN sys.extended_properties ep
  ON ep.class = 1 AND ep.major_id = c.object_id AND ep.minor_id = c.column_id AND ep.name = N'MS_Description'
WHERE t.is_ms_shipped = 0
ORDER BY s.name, t.name, c.column_id
