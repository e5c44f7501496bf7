#!/usr/bin/env bash
# Side-by-side benchmark, SQLite → PostgreSQL: cutover vs pgloader vs the pipeline limit,
# on the same SQLite file and one throwaway PostgreSQL cluster. See bench/README.md.
#
# Environment (all optional):
#   BENCH_SCALE=1.0        dataset scale (1.0 = 7M rows; 0.01 for a smoke run)
#   BENCH_JOBS=2           parallelism of every contender
#   BENCH_DIR=/tmp/cutover-bench   where the generated SQLite files are cached
#   BENCH_CHUNK_ROWS=250000        key-range size of the pipeline-limit chunks
#   BENCH_PG_PORT=55500    port of the throwaway cluster
#   CUTOVER_BIN=<repo>/build/cutover
#   BENCH_KEEP=1           keep the cluster's data directory and the work directory
#   BENCH_OUT=<file stem>  default bench/results/<date>-sqlite[-scaleS][-N]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/proc.sh
source "$here/lib/proc.sh"
# shellcheck source=lib/pg_cluster.sh
source "$here/lib/pg_cluster.sh"
# shellcheck source=lib/pipeline_limit.sh
source "$here/lib/pipeline_limit.sh"
# shellcheck source=lib/report.sh
source "$here/lib/report.sh"
# shellcheck source=lib/contenders.sh
source "$here/lib/contenders.sh"

SCALE=$(awk -v s="${BENCH_SCALE:-1}" 'BEGIN { printf "%g", s }') # 1.0 and 1 name the same file
JOBS=${BENCH_JOBS:-2}
BENCH_DIR=${BENCH_DIR:-/tmp/cutover-bench}
CHUNK_ROWS=${BENCH_CHUNK_ROWS:-250000}
CUTOVER_BIN=${CUTOVER_BIN:-$here/../build/cutover}
TABLES=(order_items orders customers) # largest first
TOOLS=(cutover pgloader pipeline_limit)
RESULTS_DIR=$here/results

WORK=$(mktemp -d /tmp/cutover-bench-run.XXXXXX)

cleanup() {
  local rc=$?
  kill_spawned
  pg_cluster_stop
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "bench: kept work files in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pgloader_fields() { sed -e "s|@SQLITE_FILE@|$DB_FILE|"; }

# Same starting point for every contender: source file in the page cache, no dirty
# buffers left in PostgreSQL by the previous contender.
settle() {
  cat "$DB_FILE" >/dev/null
  pg_sql postgres "CHECKPOINT"
}

main() {
  SRC_CLIENT="sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
  LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)
  ensure_dataset
  local table
  TOTAL_ROWS=0
  for table in "${TABLES[@]}"; do
    COUNT[$SRC_KEY:$table]=$(sqlite3 "$DB_FILE" "SELECT count(*) FROM \"$table\"")
    TOTAL_ROWS=$((TOTAL_ROWS + ${COUNT[$SRC_KEY:$table]}))
  done
  DB_BYTES=$(stat -c %s "$DB_FILE")
  SRC_URL=$DB_FILE
  PGLOADER_LOAD=$here/pgloader/sqlite.load.in
  LIMIT_READER=(read "$DB_FILE")
  log "cluster: starting PostgreSQL on port $BENCH_PG_PORT"
  pg_cluster_start
  run_contenders
}

main "$@"
