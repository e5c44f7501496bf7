-- Index parts of every table: PRIMARY, unique and secondary indexes, with
-- prefix lengths (sub_part), order (collation 'D' = descending) and kind
-- (BTREE, HASH, FULLTEXT, SPATIAL).
SELECT table_name, index_name, non_unique, seq_in_index, column_name, sub_part,
       index_type, COALESCE(collation, 'A')
FROM information_schema.statistics
WHERE table_schema = DATABASE()
ORDER BY table_name, index_name = 'PRIMARY' DESC, index_name, seq_in_index
