# Sourced by the demo scripts: installs dependencies, builds cutover and
# starts the throwaway PostgreSQL on 127.0.0.1:$port (left running), with
# an empty database $1 (default cutover) recreated on every run.
# Sets: root demo port url build_dir psql_cmd; defines step().
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
demo="${CUTOVER_DEMO_DIR:-/tmp/cutover-demo}"
port="${CUTOVER_DEMO_PG_PORT:-55433}"
build_dir="${CUTOVER_BUILD_DIR:-$root/build}"

step() { printf '\n== %s\n' "$*"; }

# demo_fresh_database NAME: drops and creates NAME on the demo server.
demo_fresh_database() {
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "postgresql://postgres@127.0.0.1:$port/postgres" \
    -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CREATE DATABASE \"$1\" OWNER postgres"
}

step "dependencies"
bash scripts/install-deps.sh </dev/null

step "build"
bash scripts/build.sh

step "PostgreSQL on 127.0.0.1:$port"
mkdir -p "$demo"
chmod 755 "$demo"
bash scripts/pg-server.sh start "$demo/pg" "$port"
