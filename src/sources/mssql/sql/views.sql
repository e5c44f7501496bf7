-- cutover:mssql_views
-- Views with the text of their CREATE VIEW (NULL when WITH ENCRYPTION).
SELECT s.name AS schema_name,
       v.name AS view_name,
       m.definition
FROM sys.views v
JOIN sys.schemas s ON s.schema_id = v.schema_id
LEFT JOIN sys.sql_modules m ON m.object_id = v.object_id
WHERE v.is_ms_shipped = 0
ORDER BY s.name, v.name
