-- cutover:mssql_indexes
-- Primary keys, unique constraints and indexes (not heaps), one row per
-- key or included column in key order; filtered indexes with their filter.
SELECT s.name AS schema_name,
       t.name AS table_name,
       i.name AS index_name,
       i.is_primary_key,
       i.is_unique,
       i.is_unique_constraint,
       i.type_desc,
       i.filter_definition,
       ic.key_ordinal,
       c.name AS column_name,
       ic.is_descending_key,
       ic.is_included_column
FROM sys.indexes i
JOIN sys.tables t ON t.object_id = i.object_id
JOIN sys.schemas s ON s.schema_id = t.schema_id
JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
WHERE t.is_ms_shipped = 0 AND i.type > 0 AND i.is_hypothetical = 0
ORDER BY s.name, t.name, i.index_id, ic.is_included_column, ic.key_ordinal, ic.index_column_id
