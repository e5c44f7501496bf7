-- Index key columns of every ordinary table. origin: 'c' CREATE INDEX,
-- 'u' UNIQUE constraint, 'pk' PRIMARY KEY. cid: -1 rowid, -2 expression.
-- key = 1 keeps the key columns (not the trailing rowid / PK columns).
SELECT s.name AS table_name, il.name AS index_name, il."unique", il.origin, il.partial,
       ix.seqno, ix.cid, ix.name AS column_name, ix."desc", ix.coll, i.sql
FROM sqlite_schema AS s
JOIN pragma_index_list(s.name) AS il
JOIN pragma_index_xinfo(il.name) AS ix
LEFT JOIN sqlite_schema AS i ON i.type = 'index' AND i.name = il.name
WHERE s.type = 'table'
  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND s.sql NOT LIKE 'CREATE VIRTUAL TABLE%'
  AND ix.key = 1
ORDER BY s.name, il.name, ix.seqno;
