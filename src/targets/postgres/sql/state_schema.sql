-- cutover's run state, kept in the target so a chunk's rows and its record
-- commit in one transaction (DESIGN.md §1). Safe to run repeatedly.
CREATE SCHEMA IF NOT EXISTS cutover_state;

CREATE TABLE IF NOT EXISTS cutover_state.runs (
  run_id       text PRIMARY KEY,      -- stable id of (source, target schema, scope)
  plan_hash    text NOT NULL,         -- hash of the plan; resume refuses a different one
  plan         jsonb NOT NULL,        -- the plan as executed (no passwords)
  source       text NOT NULL,         -- redacted source URL
  status       text NOT NULL,         -- running | done | failed
  started_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS cutover_state.chunks (
  run_id        text NOT NULL,
  table_name    text NOT NULL,        -- target schema.table
  chunk_index   integer NOT NULL,
  key_range     text NOT NULL,
  rows          bigint NOT NULL,
  bytes         bigint NOT NULL,
  checksum      text NOT NULL,        -- 16 hex digits, see docs/report.md
  rejected      bigint NOT NULL DEFAULT 0,
  rules         jsonb NOT NULL DEFAULT '{}',  -- named policy rule -> values touched
  totals        jsonb NOT NULL DEFAULT '{}',  -- column -> exact sum (key totals)
  source_position text,               -- high-water mark of the source log, if any
  committed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, table_name, chunk_index)
);

CREATE TABLE IF NOT EXISTS cutover_state.steps (
  run_id   text NOT NULL,
  step     text NOT NULL,             -- table:s.t | pk:s.t | index:s.i | fk:s.c | ...
  done_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, step)
);

-- Foreign keys set aside while --data-only loads into existing tables; saved
-- in the same transaction that drops them, restored (and deleted) one by one.
CREATE TABLE IF NOT EXISTS cutover_state.detached_constraints (
  run_id      text NOT NULL,
  table_name  text NOT NULL,          -- regclass text of the referencing table
  name        text NOT NULL,
  definition  text NOT NULL,          -- pg_get_constraintdef()
  PRIMARY KEY (run_id, table_name, name)
);
