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

SCALE=$(awk -v s="${BENCH_SCALE:-1}" 'BEGIN { printf "%g", s }') # 1.0 and 1 name the same file
JOBS=${BENCH_JOBS:-2}
BENCH_DIR=${BENCH_DIR:-/tmp/cutover-bench}
CHUNK_ROWS=${BENCH_CHUNK_ROWS:-250000}
CUTOVER_BIN=${CUTOVER_BIN:-$here/../build/cutover}
TABLES=(order_items orders customers) # largest first
TOOLS=(cutover pgloader pipeline_limit)
RESULTS_DIR=$here/results

declare -A STATUS WALL RSS_KB TBYTES COUNT NOTE
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

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# Generates the SQLite file unless a file from the same generator and scale exists.
ensure_dataset() {
  DB_FILE="$BENCH_DIR/bench-$SCALE.db"
  local stamp
  stamp=$(cat "$here/gen_sqlite.sql" "$here/gen_sqlite.sh" | md5sum | cut -d' ' -f1)
  mkdir -p "$BENCH_DIR"
  if [[ -f $DB_FILE && $(cat "$DB_FILE.stamp" 2>/dev/null) == "$stamp" ]]; then
    log "dataset: reusing $DB_FILE"
    GEN_S=""
    return
  fi
  log "dataset: generating $DB_FILE (scale $SCALE)"
  local t0
  t0=$(date +%s.%N)
  run_waiting "$here/gen_sqlite.sh" "$DB_FILE" "$SCALE" >&2
  GEN_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  echo "$stamp" >"$DB_FILE.stamp"
}

# Runs a command under /usr/bin/time; sets WALL[name] (s) and RSS_KB[name].
timed() {
  local name=$1 rc=0
  shift
  run_waiting /usr/bin/time -f '%e %M' -o "$WORK/$name.time" "$@" \
    >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
  read -r "WALL[$name]" "RSS_KB[$name]" < <(tail -n 1 "$WORK/$name.time")
  return "$rc"
}

# "exit status N" or "terminated by signal N", from /usr/bin/time's note.
how_it_ended() {
  grep -oE '(non-zero status|terminated by signal) [0-9]+' "$WORK/$1.time" |
    sed 's/non-zero status/exit status/' | grep . || echo "did not start"
}

# Same starting point for every contender: source file in the page cache, no dirty
# buffers left in PostgreSQL by the previous contender.
settle() {
  cat "$DB_FILE" >/dev/null
  pg_sql postgres "CHECKPOINT"
}

# Records row counts and table bytes of DB for TOOL; marks the run failed on a mismatch.
check_target() {
  local tool=$1 db=$2 table schema bytes=0 ok=1
  for table in "${TABLES[@]}"; do
    schema=$(pg_table_schema "$db" "$table")
    if [[ -z $schema ]]; then
      COUNT[$tool:$table]=null
      ok=0
      continue
    fi
    COUNT[$tool:$table]=$(pg_sql "$db" "SELECT count(*) FROM \"$schema\".\"$table\"")
    bytes=$((bytes + $(pg_sql "$db" "SELECT pg_table_size('\"$schema\".\"$table\"')")))
    [[ ${COUNT[$tool:$table]} == "${COUNT[sqlite:$table]}" ]] || ok=0
  done
  TBYTES[$tool]=$bytes
  if [[ $ok == 1 ]]; then STATUS[$tool]=ok; else STATUS[$tool]="failed: row counts differ"; fi
}

run_cutover() {
  if [[ ! -x $CUTOVER_BIN ]]; then
    STATUS[cutover]="skipped: no binary at $CUTOVER_BIN"
    return
  fi
  pg_createdb db_cutover
  settle
  log "cutover: migrating"
  if timed cutover "$CUTOVER_BIN" migrate "$DB_FILE" "$(pg_url db_cutover)" \
    --jobs "$JOBS" --quiet --report "$WORK/cutover-report.json"; then
    check_target cutover db_cutover
  else
    STATUS[cutover]="failed: $(how_it_ended cutover)"
  fi
  if [[ ${STATUS[cutover]} == ok ]]; then
    NOTE[cutover]="its report's durations: $(jq -r '.duration_seconds // {} | to_entries
      | map("\(.key) \(.value * 10 | round / 10) s") | join(", ")' "$WORK/cutover-report.json" || true)"
  else
    NOTE[cutover]=$(cat "$WORK/cutover.out" "$WORK/cutover.err" | tail -n 5 | tr '\n' ' ')
  fi
  log "cutover: ${STATUS[cutover]} in ${WALL[cutover]:-?} s"
}

run_pgloader() {
  command -v pgloader >/dev/null || { STATUS[pgloader]="skipped: pgloader not installed (apt-get install pgloader)"; return; }
  pg_createdb db_pgloader
  sed -e "s|@SQLITE_FILE@|$DB_FILE|" -e "s|@PG_URL@|$(pg_url db_pgloader)|" -e "s|@JOBS@|$JOBS|" \
    "$here/pgloader/sqlite.load.in" >"$WORK/pgloader.load"
  settle
  log "pgloader: loading"
  if timed pgloader pgloader --root-dir "$WORK/pgloader-root" "$WORK/pgloader.load"; then
    check_target pgloader db_pgloader
  else
    STATUS[pgloader]="failed: $(how_it_ended pgloader)"
  fi
  NOTE[pgloader]=$(grep -E 'Total import time' "$WORK/pgloader.out" "$WORK/pgloader.err" | sed 's/^[^:]*://' | head -n 1 | tr -s ' ' || true)
  log "pgloader: ${STATUS[pgloader]} in ${WALL[pgloader]:-?} s"
}

run_limit() {
  local ref=""
  if [[ ${STATUS[cutover]:-} == ok ]]; then ref=db_cutover; elif [[ ${STATUS[pgloader]:-} == ok ]]; then ref=db_pgloader; fi
  if [[ -z $ref ]]; then
    STATUS[pipeline_limit]="skipped: needs one correct load to take binary COPY files from"
    return
  fi
  log "pipeline limit: preparing binary COPY files from $ref"
  limit_chunks "$DB_FILE" "$CHUNK_ROWS" "${TABLES[@]}" >"$WORK/chunks.txt"
  limit_prepare "$ref" "$WORK/chunks.txt"
  settle
  log "pipeline limit: sqlite3 readers and COPY FROM binary, $JOBS + $JOBS in parallel"
  if limit_run "$DB_FILE" "$JOBS" "$WORK/chunks.txt" "$WORK"; then
    WALL[pipeline_limit]=$LIMIT_WALL
    RSS_KB[pipeline_limit]=$LIMIT_RSS_KB
    NOTE[pipeline_limit]="types from $ref; $(wc -l <"$WORK/chunks.txt") chunks; readers done at ${LIMIT_READ_S} s, COPY done at ${LIMIT_COPY_S} s; RSS = largest sqlite3 reader"
    check_target pipeline_limit "$LIMIT_DB"
  else
    STATUS[pipeline_limit]="failed: a reader or a COPY failed"
  fi
  log "pipeline limit: ${STATUS[pipeline_limit]} in ${WALL[pipeline_limit]:-?} s"
}

main() {
  LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)
  ensure_dataset
  local table
  TOTAL_ROWS=0
  for table in "${TABLES[@]}"; do
    COUNT[sqlite:$table]=$(sqlite3 "$DB_FILE" "SELECT count(*) FROM \"$table\"")
    TOTAL_ROWS=$((TOTAL_ROWS + ${COUNT[sqlite:$table]}))
  done
  DB_BYTES=$(stat -c %s "$DB_FILE")
  log "cluster: starting PostgreSQL on port $BENCH_PG_PORT"
  pg_cluster_start
  run_cutover
  run_pgloader
  run_limit
  write_results
  local t
  for t in "${TOOLS[@]}"; do
    [[ ${STATUS[$t]} != failed* ]] || { log "bench: $t ${STATUS[$t]}"; return 1; }
  done
}

main "$@"
