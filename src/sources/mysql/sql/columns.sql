-- Columns of every table of the current database, in table and column order.
-- column_type is the full type ("int(10) unsigned", "enum('a','b')");
-- extra holds auto_increment, on update ..., VIRTUAL/STORED GENERATED,
-- DEFAULT_GENERATED (MySQL 8 expression defaults).
SELECT c.table_name, c.column_name, c.ordinal_position, c.column_default, c.is_nullable,
       c.data_type, c.column_type, COALESCE(c.collation_name, ''), c.extra,
       COALESCE(c.column_comment, ''), c.generation_expression
FROM information_schema.columns c
JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'
ORDER BY c.table_name, c.ordinal_position
