-- Columns of every ordinary table in one round trip. hidden: 0 normal,
-- 2 generated VIRTUAL, 3 generated STORED. pk: position in the primary key
-- (1-based), 0 when not part of it. Virtual tables are skipped: their
-- module may not be loaded here and table_xinfo would fail for all.
SELECT s.name AS table_name, c.cid, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
FROM sqlite_schema AS s
JOIN pragma_table_xinfo(s.name) AS c
WHERE s.type = 'table'
  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND s.sql NOT LIKE 'CREATE VIRTUAL TABLE%'
ORDER BY s.name, c.cid;
