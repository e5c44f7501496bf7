-- $1 run_id, $2 the loaded tables as a text array of qualified names.
-- Saves every foreign key from or to those tables, returning what to drop.
INSERT INTO cutover_state.detached_constraints (run_id, table_name, name, definition)
SELECT $1, c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
FROM pg_constraint c
WHERE c.contype = 'f'
  AND (c.conrelid = ANY ($2::regclass[]) OR c.confrelid = ANY ($2::regclass[]))
ON CONFLICT DO NOTHING
RETURNING table_name, name;
