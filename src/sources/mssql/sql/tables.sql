-- cutover:mssql_tables
-- User tables of the current database with their row estimate (heap or
-- clustered index partitions) and MS_Description comment.
SELECT s.name AS schema_name,
       t.name AS table_name,
       CAST(ISNULL((SELECT SUM(p.rows) FROM sys.partitions p
                    WHERE p.object_id = t.object_id AND p.index_id IN (0, 1)), 0) AS bigint) AS row_estimate,
       CAST(ep.value AS nvarchar(4000)) AS comment
FROM sys.tables t
JOIN sys.schemas s ON s.schema_id = t.schema_id
LEFT JOIN sys.extended_properties ep
  ON ep.class = 1 AND ep.major_id = t.object_id AND ep.minor_id = 0 AND ep.name = N'MS_Description'
WHERE t.is_ms_shipped = 0
ORDER BY s.name, t.name
