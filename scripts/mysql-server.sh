#!/usr/bin/env bash
# A throwaway MariaDB server for tests, the demo and the benchmark. Not for
# real data: durability is relaxed (no doublewrite, flush once a second) and
# root has no password (reachable only on 127.0.0.1).
#
#   mysql-server.sh start DIR PORT   create (first time) and start a server in DIR,
#                                    listening on 127.0.0.1:PORT; creates database cutover
#   mysql-server.sh stop DIR         stop it (does nothing if it is not running)
#   mysql-server.sh restart DIR      stop and start it again on the same port (clients lose
#                                    their connections; the fault tests use it)
#   mysql-server.sh status DIR       exit 0 and print the URL if running, exit 3 if not
#
# Layout: DIR/data (datadir), DIR/run (socket, pid file), DIR/tmp (the server's own tmpdir:
# servers sharing /tmp have lost each other's internal temporary tables), DIR/log/mariadb.log,
# DIR/port.
# Run as root, the server runs as the `mysql` user; otherwise as the calling user.
# Connect with mysql://root@127.0.0.1:PORT/cutover (no password), or with
# `mariadb -h 127.0.0.1 -P PORT -u root`.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR PORT | stop DIR | restart DIR | status DIR" >&2
  exit 2
}

owner() { if [ "$(id -u)" -eq 0 ]; then echo mysql; else id -un; fi; }

is_running() {
  local pid_file="$1/run/mariadb.pid"
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

client() { mariadb --no-defaults -h 127.0.0.1 -P "$1" -u root "${@:2}"; }

init_datadir() {
  local dir="$1"
  mariadb-install-db --no-defaults --user="$(owner)" --datadir="$dir/data" --auth-root-authentication-method=normal \
    --skip-test-db >"$dir/log/install-db.log" 2>&1 || { cat "$dir/log/install-db.log" >&2; return 1; }
}

# Ready when root answers on the socket (the 127.0.0.1 account may not exist yet).
wait_ready() {
  local dir="$1" pid="$2"
  for _ in $(seq 1 120); do
    if mariadb --no-defaults -S "$dir/run/mariadb.sock" -u root -e "SELECT 1" >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

# root@127.0.0.1 without a password: mariadb-install-db creates root@localhost
# (socket and TCP) only, and TCP from 127.0.0.1 resolves to localhost unless
# name resolution is skipped; create the 127.0.0.1 account explicitly.
setup_accounts() {
  local dir="$1"
  mariadb --no-defaults -S "$dir/run/mariadb.sock" -u root <<'SQL'
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS cutover CHARACTER SET utf8mb4;
SQL
}

start() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  mkdir -p "$dir/run" "$dir/log" "$dir/tmp"
  [ "$(id -u)" -eq 0 ] && chown -R mysql:mysql "$dir"
  if is_running "$dir"; then
    echo "mysql-server: already running in $dir (port $(cat "$dir/port" 2>/dev/null || echo '?'))"
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "mysql-server: port $port on 127.0.0.1 is already in use; choose another PORT" >&2
      return 1
    fi
    [ -d "$dir/data/mysql" ] || init_datadir "$dir"
    [ "$(id -u)" -eq 0 ] && chown -R mysql:mysql "$dir"
    mariadbd --no-defaults --user="$(owner)" --datadir="$dir/data" --port="$port" --bind-address=127.0.0.1 \
      --socket="$dir/run/mariadb.sock" --tmpdir="$dir/tmp" --pid-file="$dir/run/mariadb.pid" --log-error="$dir/log/mariadb.log" \
      --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
      --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
      --skip-log-bin --max-connections=200 --max-allowed-packet=256M \
      >/dev/null 2>&1 &
    local pid=$!
    echo "$port" >"$dir/port"
    if ! wait_ready "$dir" "$pid"; then
      echo "mysql-server: the server did not start; last lines of $dir/log/mariadb.log:" >&2
      tail -n 20 "$dir/log/mariadb.log" >&2 || true
      return 1
    fi
    setup_accounts "$dir"
  fi
  client "$(cat "$dir/port")" -e "SELECT 1" >/dev/null ||
    { echo "mysql-server: root cannot log in over TCP on 127.0.0.1" >&2; return 1; }
  port="$(cat "$dir/port")"
  echo "mysql-server: running in $dir: mysql://root@127.0.0.1:$port/cutover"
}

stop() {
  local dir="$1"
  if is_running "$dir"; then
    local pid
    pid="$(cat "$dir/run/mariadb.pid")"
    kill "$pid"
    for _ in $(seq 1 120); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    echo "mysql-server: stopped the server in $dir"
  else
    echo "mysql-server: no server running in $dir"
  fi
}

status() {
  local dir="$1"
  if is_running "$dir"; then
    echo "mysql-server: running in $dir: mysql://root@127.0.0.1:$(cat "$dir/port")/cutover"
  else
    echo "mysql-server: not running in $dir"
    return 3
  fi
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  restart) [ $# -eq 2 ] || usage; [ -f "$2/port" ] || { echo "mysql-server: no server was started in $2" >&2; exit 1; }
    stop "$2"; start "$2" "$(cat "$2/port")" ;;
  status) [ $# -eq 2 ] || usage; status "$2" ;;
  *) usage ;;
esac
