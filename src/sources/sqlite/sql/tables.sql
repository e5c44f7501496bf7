-- Every table of the main schema with its CREATE statement (internal
-- sqlite_% tables included: the caller skips them but needs to know whether
-- sqlite_sequence exists). Virtual tables are recognised from their SQL.
SELECT s.name, s.sql
FROM sqlite_schema AS s
WHERE s.type = 'table'
ORDER BY s.name;
