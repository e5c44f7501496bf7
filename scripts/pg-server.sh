#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests and the demo. Not for real data:
# durability is off (fsync, full_page_writes, synchronous_commit) and every
# local connection is trusted.
#
#   pg-server.sh start DIR PORT   create (first time) and start a cluster in DIR,
#                                 listening on 127.0.0.1:PORT; creates database cutover
#   pg-server.sh stop DIR         stop it (does nothing if it is not running)
#   pg-server.sh restart DIR      fast restart of a running server (ends every session; tests use it)
#   pg-server.sh status DIR       exit 0 and print the URL if running, exit 3 if not
#
# Layout: DIR/data (cluster), DIR/run (unix socket), DIR/log/postgresql.log, DIR/port.
# Run as root, the server runs as the `postgres` user (initdb refuses root);
# otherwise as the calling user. Connect with postgresql://postgres@127.0.0.1:PORT/cutover.
set -euo pipefail

pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"

usage() {
  echo "usage: $0 start DIR PORT | stop DIR | restart DIR | status DIR" >&2
  exit 2
}

# Runs a command as the server's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() { [ -f "$1/data/PG_VERSION" ] && as_owner "$pg_bin/pg_ctl" -D "$1/data" status >/dev/null 2>&1; }

init_cluster() {
  local dir="$1"
  as_owner "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale \
    >"$dir/log/initdb.log" 2>&1 || { cat "$dir/log/initdb.log" >&2; return 1; }
  cat >>"$dir/data/postgresql.conf" <<CONF

# --- pg-server.sh: throwaway settings, fast and not durable ---
listen_addresses = '127.0.0.1'
max_connections = 100
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
CONF
}

wait_ready() {
  local port="$1"
  for _ in $(seq 1 60); do
    if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then return 0; fi
    sleep 0.5
  done
  return 1
}

start() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  mkdir -p "$dir/run" "$dir/log"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
  if ! as_owner test -w "$dir"; then
    echo "pg-server: the postgres user cannot write to $dir; use a directory it can reach (e.g. under /tmp)" >&2
    return 1
  fi
  if is_running "$dir"; then
    echo "pg-server: already running in $dir (port $(cat "$dir/port" 2>/dev/null || echo '?'))"
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "pg-server: port $port on 127.0.0.1 is already in use; choose another PORT" >&2
      return 1
    fi
    [ -f "$dir/data/PG_VERSION" ] || init_cluster "$dir"
    if ! as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/log/postgresql.log" -w -t 60 \
      -o "-p $port -k $dir/run" start >/dev/null; then
      echo "pg-server: the server did not start; last lines of $dir/log/postgresql.log:" >&2
      tail -n 20 "$dir/log/postgresql.log" >&2 || true
      return 1
    fi
    echo "$port" >"$dir/port"
  fi
  port="$(cat "$dir/port")"
  wait_ready "$port" || { echo "pg-server: not ready after 30 s on port $port" >&2; return 1; }
  local psql=("$pg_bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
  if [ -z "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = 'cutover'")" ]; then
    "${psql[@]}" -c "CREATE DATABASE cutover OWNER postgres"
  fi
  echo "pg-server: running in $dir: postgresql://postgres@127.0.0.1:$port/cutover"
}

stop() {
  local dir="$1"
  if is_running "$dir"; then
    as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    echo "pg-server: stopped the server in $dir"
  else
    echo "pg-server: no server running in $dir"
  fi
}

restart() {
  local dir="$1"
  is_running "$dir" || { echo "pg-server: no server running in $dir" >&2; return 1; }
  local port
  port="$(cat "$dir/port")"
  as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/log/postgresql.log" -m fast -w -t 60 \
    -o "-p $port -k $dir/run" restart >/dev/null
  wait_ready "$port" || { echo "pg-server: not ready after 30 s on port $port" >&2; return 1; }
  echo "pg-server: restarted the server in $dir"
}

status() {
  local dir="$1"
  if is_running "$dir"; then
    echo "pg-server: running in $dir: postgresql://postgres@127.0.0.1:$(cat "$dir/port")/cutover"
  else
    echo "pg-server: not running in $dir"
    return 3
  fi
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  restart) [ $# -eq 2 ] || usage; restart "$2" ;;
  status) [ $# -eq 2 ] || usage; status "$2" ;;
  *) usage ;;
esac
