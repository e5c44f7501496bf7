#!/usr/bin/env bash
# SQL Server -> PostgreSQL without a SQL Server: Northwind, Chinook (built
# from their SQL Server install scripts in ../shared/data) and the extras
# fixture (identity, computed columns, money, datetimeoffset, xml,
# sql_variant, hierarchyid, ...) served by the TDS test server
# (tests/tds/README.md) and read through the real FreeTDS ODBC driver, as
# from a real server. Each is migrated into its own database of the demo
# PostgreSQL (127.0.0.1:55433, left running) and verified.
#
# With a real SQL Server, skip this script and run:
#   build/cutover migrate 'mssql://user@host:1433/db' postgresql://...   (password in MSSQL_PWD)
set -euo pipefail

# shellcheck source=lib/demo-setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/demo-setup.sh"
tds_port="${CUTOVER_DEMO_TDS_PORT:-14339}"
data="${CUTOVER_SHARED_DATA:-$root/../shared/data}"
[ -d "$data" ] || data=/work/shared/data
northwind="$data/northwind-sqlserver/instnwnd.sql"
chinook="$data/chinook/Chinook_SqlServer.sql"
for f in "$northwind" "$chinook"; do
  [ -f "$f" ] || { echo "demo-mssql: $f not found; set CUTOVER_SHARED_DATA to the folder holding the samples" >&2; exit 2; }
done

step "TDS test server on 127.0.0.1:$tds_port (northwind, chinook, extras)"
"$build_dir/tds_test_server" --port "$tds_port" --northwind "$northwind" \
  --script "chinook=$chinook" --script "extras=$root/tests/tds/fixtures/extras.sql" >"$demo/tds.log" 2>&1 &
tds_pid=$!
trap 'kill "$tds_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$tds_port") 2>/dev/null && break
  sleep 0.1
done

export MSSQL_PWD=Cutover-Test1
rc=0
for db in northwind chinook extras; do
  step "cutover migrate mssql://sa@127.0.0.1:$tds_port/$db -> database $db"
  demo_fresh_database "$db"
  echo "+ build/cutover migrate mssql://sa@127.0.0.1:$tds_port/$db postgresql://postgres@127.0.0.1:$port/$db -j 2 --report $demo/$db-report.json"
  "$build_dir/cutover" migrate "mssql://sa@127.0.0.1:$tds_port/$db" "postgresql://postgres@127.0.0.1:$port/$db" \
    -j 2 --quiet --report "$demo/$db-report.json" || rc=$?
  [ "$rc" -eq 0 ] || { echo "demo-mssql: migrating $db exited with $rc; $demo/$db-report.json says why" >&2; exit "$rc"; }
  psql -X -q -v ON_ERROR_STOP=1 "postgresql://postgres@127.0.0.1:$port/$db" <<'SQL'
SELECT n.nspname || '.' || c.relname AS "table", c.reltuples::bigint AS rows,
       (SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid) AS indexes,
       (SELECT count(*) FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f') AS foreign_keys
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'cutover_state')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')  -- PostGIS's own
ORDER BY 1;
SQL
  python3 - "$demo/$db-report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
t = r["totals"]
print(f"report: status {r['status']}, {t['rows_copied']} rows in {t['tables']} tables, verified {r['verified']}, "
      f"mismatches {t['mismatches']}; {r['consistency']}")
for name in ("views_created", "views_not_migrated", "not_migrated"):
    if r.get(name): print(f"{name}: {', '.join(r[name])}")
PY
done

cat <<MSG

Done. Reports: $demo/{northwind,chinook,extras}-report.json
  connect:  psql postgresql://postgres@127.0.0.1:$port/northwind
  stop:     bash scripts/pg-server.sh stop $demo/pg   (the TDS test server stops with this script)
MSG
