-- Base tables and views of the current database, with size facts.
-- table_rows is InnoDB's estimate; auto_increment is the next value.
SELECT table_name, table_type, COALESCE(table_rows, 0), COALESCE(data_length, 0) + COALESCE(index_length, 0),
       auto_increment, COALESCE(table_comment, '')
FROM information_schema.tables
WHERE table_schema = DATABASE()
ORDER BY table_name
