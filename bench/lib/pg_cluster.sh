# shellcheck shell=bash
# Throwaway PostgreSQL cluster for benchmarks. Source this file, then:
#   pg_cluster_start        initdb + start on $BENCH_PG_PORT (default 55500) in a temp dir
#   pg_cluster_stop         stop it and delete the data (unless BENCH_KEEP=1)
#   pg_sql DB SQL           run SQL, print unaligned tuples-only output
#   pg_url DB               postgresql:// URL of DB (TCP on 127.0.0.1, trust auth)
# Durability is switched off (fsync, full_page_writes, synchronous_commit): the
# cluster only lives for one benchmark run. When run as root, the server runs as
# the `postgres` OS user.

BENCH_PG_PORT=${BENCH_PG_PORT:-55500}
PG_BIN=${PG_BIN:-$(dirname "$(readlink -f "$(command -v initdb)")")}
PG_TMP=""

# Runs a command as the OS user that owns the cluster.
pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_cluster_start() {
  if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$BENCH_PG_PORT"; then
    echo "bench: port $BENCH_PG_PORT is already in use; stop that server or set BENCH_PG_PORT" >&2
    return 1
  fi
  PG_TMP=$(mktemp -d /tmp/cutover-bench-pg.XXXXXX)
  mkdir -p "$PG_TMP/copy"
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$PG_TMP"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust \
    -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 ||
    { cat "$PG_TMP/initdb.log" >&2; return 1; }
  cat >>"$PG_TMP/data/postgresql.conf" <<CONF
port = $BENCH_PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_TMP'
fsync = off
full_page_writes = off
synchronous_commit = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 8GB
checkpoint_timeout = 30min
autovacuum = off
shared_buffers = 512MB
maintenance_work_mem = 512MB
max_connections = 50
CONF
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w start >/dev/null ||
    { tail -n 30 "$PG_TMP/server.log" >&2; return 1; }
}

pg_cluster_stop() {
  [[ -n $PG_TMP && -d $PG_TMP/data ]] || return 0
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "bench: kept cluster data in $PG_TMP" >&2
  else
    rm -rf "$PG_TMP"
  fi
  PG_TMP=""
}

pg_url() { echo "postgresql://postgres@127.0.0.1:$BENCH_PG_PORT/$1"; }

pg_sql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -At -h 127.0.0.1 -p "$BENCH_PG_PORT" \
    -U postgres -d "$1" -c "$2"
}

pg_createdb() { pg_sql postgres "CREATE DATABASE \"$1\""; }

# Schema holding table $2 in database $1 (the tools choose their own schema).
pg_table_schema() {
  pg_sql "$1" "SELECT table_schema FROM information_schema.tables
               WHERE table_name = '$2' AND table_type = 'BASE TABLE'
                 AND table_schema NOT IN ('pg_catalog', 'information_schema')
               ORDER BY table_schema = 'public' DESC LIMIT 1"
}
