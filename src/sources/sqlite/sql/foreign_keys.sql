-- Foreign keys of every ordinary table; one row per column pair. "to" is
-- NULL when the constraint names only the table (its primary key).
SELECT s.name AS table_name, fk.id, fk.seq, fk."table", fk."from", fk."to",
       fk.on_update, fk.on_delete
FROM sqlite_schema AS s
JOIN pragma_foreign_key_list(s.name) AS fk
WHERE s.type = 'table'
  AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND s.sql NOT LIKE 'CREATE VIRTUAL TABLE%'
ORDER BY s.name, fk.id, fk.seq;
