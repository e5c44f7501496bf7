-- cutover:mssql_snapshot_state
-- Whether SNAPSHOT transactions are allowed in the current database
-- (ALLOW_SNAPSHOT_ISOLATION): 0 OFF, 1 ON, 2 IN_TRANSITION_TO_OFF,
-- 3 IN_TRANSITION_TO_ON. Only 1 lets readers share one snapshot.
SELECT d.snapshot_isolation_state,
       d.snapshot_isolation_state_desc
FROM sys.databases d
WHERE d.database_id = DB_ID()
