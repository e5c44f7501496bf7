-- cutover:mssql_sequences
-- Sequences with their bounds and position. sys.sequences holds its
-- numbers as sql_variant: converted here so that they read as plain
-- numbers. last_used_value (SQL Server 2017 and later) is NULL until the
-- first NEXT VALUE FOR; current_value alone cannot tell that apart from one
-- call (both show the start value).
SELECT s.name AS schema_name,
       q.name AS sequence_name,
       t.name AS type_name,
       CAST(q.precision AS int) AS precision,
       CAST(CAST(q.start_value AS decimal(38, 0)) AS nvarchar(40)) AS start_value,
       CAST(CAST(q.increment AS decimal(38, 0)) AS nvarchar(40)) AS increment,
       CAST(CAST(q.minimum_value AS decimal(38, 0)) AS nvarchar(40)) AS minimum_value,
       CAST(CAST(q.maximum_value AS decimal(38, 0)) AS nvarchar(40)) AS maximum_value,
       q.is_cycling,
       CAST(CAST(q.last_used_value AS decimal(38, 0)) AS nvarchar(40)) AS last_used_value
FROM sys.sequences q
JOIN sys.schemas s ON s.schema_id = q.schema_id
JOIN sys.types t ON t.user_type_id = q.system_type_id
ORDER BY s.name, q.name
