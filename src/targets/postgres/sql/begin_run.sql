-- $1 run_id, $2 plan hash, $3 plan json, $4 redacted source
INSERT INTO cutover_state.runs (run_id, plan_hash, plan, source, status)
VALUES ($1, $2, $3::jsonb, $4, 'running')
ON CONFLICT (run_id) DO UPDATE
  SET plan_hash = EXCLUDED.plan_hash, plan = EXCLUDED.plan, source = EXCLUDED.source,
      status = 'running', updated_at = now();
