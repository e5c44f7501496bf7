-- View definitions as the server stores them (fully qualified, backticks).
SELECT table_name, view_definition
FROM information_schema.views
WHERE table_schema = DATABASE()
ORDER BY table_name
