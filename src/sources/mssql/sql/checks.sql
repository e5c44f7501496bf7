-- cutover:mssql_checks
-- Enabled check constraints with their T-SQL definition.
SELECT s.name AS schema_name,
       t.name AS table_name,
       cc.name AS check_name,
       cc.definition
FROM sys.check_constraints cc
JOIN sys.tables t ON t.object_id = cc.parent_object_id
JOIN sys.schemas s ON s.schema_id = t.schema_id
WHERE t.is_ms_shipped = 0 AND cc.is_disabled = 0
ORDER BY s.name, t.name, cc.name
