-- cutover:mssql_not_migrated
-- Procedures, functions and triggers: listed, not migrated yet.
SELECT LOWER(REPLACE(o.type_desc, '_', ' ')) + N' ' + s.name + N'.' + o.name AS object
FROM sys.objects o
JOIN sys.schemas s ON s.schema_id = o.schema_id
WHERE o.is_ms_shipped = 0 AND o.type IN ('P', 'FN', 'IF', 'TF', 'TR')
ORDER BY s.name, o.name
