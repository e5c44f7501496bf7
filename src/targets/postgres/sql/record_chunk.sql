-- $1 run_id, $2 table, $3 chunk index, $4 key range, $5 rows, $6 bytes,
-- $7 checksum, $8 rejected, $9 rules json, $10 source position, $11 totals json
INSERT INTO cutover_state.chunks
  (run_id, table_name, chunk_index, key_range, rows, bytes, checksum, rejected, rules, source_position, totals)
VALUES ($1, $2, $3::int, $4, $5::bigint, $6::bigint, $7, $8::bigint, $9::jsonb, $10, $11::jsonb)
ON CONFLICT (run_id, table_name, chunk_index) DO UPDATE
  SET rows = EXCLUDED.rows, bytes = EXCLUDED.bytes, checksum = EXCLUDED.checksum,
      rejected = EXCLUDED.rejected, rules = EXCLUDED.rules, totals = EXCLUDED.totals,
      source_position = EXCLUDED.source_position, committed_at = now();
