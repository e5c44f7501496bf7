#!/usr/bin/env bash
# Side-by-side benchmark, MySQL/MariaDB → PostgreSQL: cutover vs pgloader vs the pipeline limit,
# on the rows of the SQLite bench dataset loaded into a throwaway MariaDB server, and one
# throwaway PostgreSQL cluster. See bench/README.md.
#
# Environment (all optional):
#   BENCH_SCALE=1.0        dataset scale (1.0 = 7M rows; 0.01 for a smoke run)
#   BENCH_JOBS=2           parallelism of every contender
#   BENCH_DIR=/tmp/cutover-bench   where the SQLite files and the MariaDB data are cached
#   BENCH_CHUNK_ROWS=250000        key-range size of the pipeline-limit chunks
#   BENCH_PG_PORT=55500    port of the throwaway PostgreSQL cluster
#   BENCH_MYSQL_PORT=55510 port of the MariaDB server (scripts/mysql-server.sh)
#   CUTOVER_BIN=<repo>/build/cutover
#   BENCH_KEEP=1           keep the cluster's data directory and the work directory
#   BENCH_OUT=<file stem>  default bench/results/<date>-mysql[-scaleS][-N]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/proc.sh
source "$here/lib/proc.sh"
# shellcheck source=lib/pg_cluster.sh
source "$here/lib/pg_cluster.sh"
# shellcheck source=lib/pipeline_limit.sh
source "$here/lib/pipeline_limit.sh"
SRC_KEY=mysql
SRC_TITLE=MariaDB
SRC_BYTES="MariaDB data_length + index_length of the tables"
# shellcheck source=lib/report.sh
source "$here/lib/report.sh"
# shellcheck source=lib/contenders.sh
source "$here/lib/contenders.sh"

SCALE=$(awk -v s="${BENCH_SCALE:-1}" 'BEGIN { printf "%g", s }')
JOBS=${BENCH_JOBS:-2}
BENCH_DIR=${BENCH_DIR:-/tmp/cutover-bench}
CHUNK_ROWS=${BENCH_CHUNK_ROWS:-250000}
MYSQL_PORT=${BENCH_MYSQL_PORT:-55510}
CUTOVER_BIN=${CUTOVER_BIN:-$here/../build/cutover}
TABLES=(order_items orders customers) # largest first
TOOLS=(cutover pgloader pipeline_limit)
RESULTS_DIR=$here/results
MYSQL_DIR=""
MYSQL_DB=bench

WORK=$(mktemp -d /tmp/cutover-bench-run.XXXXXX)

cleanup() {
  local rc=$?
  kill_spawned
  pg_cluster_stop
  [[ -z $MYSQL_DIR ]] || bash "$here/../scripts/mysql-server.sh" stop "$MYSQL_DIR" >/dev/null 2>&1 || true
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "bench: kept work files in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

my_sql() { mariadb --no-defaults -h 127.0.0.1 -P "$MYSQL_PORT" -u root -N -B "$@"; }

# Exports one table of the SQLite file as CSV for LOAD DATA: epoch seconds as they are,
# blobs in hex, NULL notes as the unquoted word NULL.
export_table() {
  local table=$1 select
  case $table in
    customers) select="id, name, email, created_at, is_active, balance" ;;
    orders) select="id, customer_id, total, status, created_at, coalesce(notes, 'NULL')" ;;
    order_items) select="id, order_id, sku, qty, unit_price, discount, CASE WHEN payload IS NULL THEN 'NULL' ELSE hex(payload) END" ;;
  esac
  sqlite3 -csv "$DB_FILE" "SELECT $select FROM $table" >"$WORK/$table.csv"
}

# LOAD DATA with the conversions: epoch seconds → DATETIME in UTC, hex → bytes.
load_table() {
  local table=$1 columns set=""
  case $table in
    customers) columns="id, name, email, @at, is_active, balance"; set="SET created_at = FROM_UNIXTIME(@at)" ;;
    orders) columns="id, customer_id, total, status, @at, notes"; set="SET created_at = FROM_UNIXTIME(@at)" ;;
    order_items) columns="id, order_id, sku, qty, unit_price, discount, @p"; set="SET payload = UNHEX(@p)" ;;
  esac
  my_sql --local-infile=1 "$MYSQL_DB" -e "SET time_zone = '+00:00', foreign_key_checks = 0, unique_checks = 0;
    LOAD DATA LOCAL INFILE '$WORK/$table.csv' INTO TABLE $table CHARACTER SET utf8mb4
    FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' LINES TERMINATED BY '\n'
    ($columns) $set"
}

# Starts the MariaDB server of this scale (its data cached in BENCH_DIR) and loads the rows of
# the SQLite file into it unless the same generator's rows are there already.
ensure_mysql() {
  local stamp t0
  MYSQL_DIR="$BENCH_DIR/mariadb-$SCALE"
  stamp=$(cat "$DB_FILE.stamp" "$here/mysql/schema.sql" "$here/run_mysql.sh" | md5sum | cut -d' ' -f1)
  log "mariadb: starting on port $MYSQL_PORT ($MYSQL_DIR)"
  bash "$here/../scripts/mysql-server.sh" start "$MYSQL_DIR" "$MYSQL_PORT" >&2
  if [[ $(cat "$MYSQL_DIR/bench.stamp" 2>/dev/null) == "$stamp" ]]; then
    log "mariadb: reusing the loaded rows"
    return
  fi
  log "mariadb: loading the rows of $DB_FILE"
  t0=$(date +%s.%N)
  my_sql -e "DROP DATABASE IF EXISTS $MYSQL_DB; CREATE DATABASE $MYSQL_DB CHARACTER SET utf8mb4"
  my_sql "$MYSQL_DB" <"$here/mysql/schema.sql"
  local table
  for table in customers orders order_items; do
    export_table "$table"
    load_table "$table"
    rm -f "$WORK/$table.csv"
  done
  my_sql "$MYSQL_DB" -e "ANALYZE TABLE customers, orders, order_items" >/dev/null
  GEN_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" -v g="${GEN_S:-0}" 'BEGIN { printf "%.1f", g + b - a }')
  echo "$stamp" >"$MYSQL_DIR/bench.stamp"
}

pgloader_fields() {
  sed -e "s|@MYSQL_URL@|mysql://root@127.0.0.1:$MYSQL_PORT/$MYSQL_DB|" -e "s|@MYSQL_DB@|$MYSQL_DB|"
}

# Same starting point for every contender: the source tables in MariaDB's buffer pool, no
# dirty buffers left in PostgreSQL by the previous contender.
settle() {
  local table
  for table in "${TABLES[@]}"; do my_sql "$MYSQL_DB" -e "SELECT COUNT(*) FROM $table FORCE INDEX (PRIMARY)" >/dev/null; done
  pg_sql postgres "CHECKPOINT"
}

main() {
  SRC_CLIENT="$(mariadb --version | sed 's/,.*//')"
  LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)
  ensure_dataset
  ensure_mysql
  local table
  TOTAL_ROWS=0
  for table in "${TABLES[@]}"; do
    COUNT[$SRC_KEY:$table]=$(my_sql "$MYSQL_DB" -e "SELECT COUNT(*) FROM $table")
    TOTAL_ROWS=$((TOTAL_ROWS + ${COUNT[$SRC_KEY:$table]}))
  done
  DB_BYTES=$(my_sql -e "SELECT SUM(data_length + index_length) FROM information_schema.tables WHERE table_schema = '$MYSQL_DB'")
  SRC_URL="mysql://root@127.0.0.1:$MYSQL_PORT/$MYSQL_DB"
  SRC_DATASET="MariaDB database $MYSQL_DB (the rows of $DB_FILE)"
  PGLOADER_LOAD=$here/pgloader/mysql.load.in
  LIMIT_READER=(read_mysql "$MYSQL_PORT" "$MYSQL_DB")
  log "cluster: starting PostgreSQL on port $BENCH_PG_PORT"
  pg_cluster_start
  run_contenders
}

main "$@"
