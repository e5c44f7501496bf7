-- CHECK constraints (MariaDB 10.2+): column-level checks are named after
-- their column, so the table name is part of the key.
SELECT table_name, constraint_name, check_clause
FROM information_schema.check_constraints
WHERE constraint_schema = DATABASE()
ORDER BY table_name, constraint_name
