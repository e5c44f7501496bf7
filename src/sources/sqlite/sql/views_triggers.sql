-- Views (migrated when their SQL translates) and triggers (listed as not migrated).
SELECT type, name, tbl_name, sql
FROM sqlite_schema
WHERE type IN ('view', 'trigger')
ORDER BY type, name;
