#!/usr/bin/env bash
# Side-by-side benchmark, PostgreSQL -> PostgreSQL: cutover vs pgcopydb clone vs
# pg_dump -j | pg_restore -j, on the same source database in one throwaway cluster.
# The source is the SQLite bench dataset (bench/gen_sqlite.sh) loaded by cutover
# itself, so it has primary keys, an index and a foreign key. See bench/README.md.
#
# Environment (all optional): BENCH_SCALE=1.0, BENCH_JOBS=2, BENCH_DIR=/tmp/cutover-bench,
# BENCH_PG_PORT=55520, CUTOVER_BIN=<repo>/build/cutover, BENCH_KEEP=1,
# BENCH_CUTOVER_ARGS (extra cutover options, e.g. --no-verify: pgcopydb verifies no content),
# BENCH_OUT=<file stem> (default bench/results/<date>-pg[-scaleS][-N]),
# BENCH_ROUNDS=5 (cutover and pgcopydb alternate first in each round; the medians are compared;
# pg_dump | pg_restore runs in the first round only).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/proc.sh
source "$here/lib/proc.sh"
BENCH_PG_PORT=${BENCH_PG_PORT:-55520}
# shellcheck source=lib/pg_cluster.sh
source "$here/lib/pg_cluster.sh"

SCALE=$(awk -v s="${BENCH_SCALE:-1}" 'BEGIN { printf "%g", s }')
JOBS=${BENCH_JOBS:-2}
BENCH_DIR=${BENCH_DIR:-/tmp/cutover-bench}
CUTOVER_BIN=${CUTOVER_BIN:-$here/../build/cutover}
TABLES=(order_items orders customers)
TOOLS=(cutover pgcopydb pg_dump_restore)
declare -A STATUS WALL RSS_KB NOTE RUNS CPU
ROUNDS=${BENCH_ROUNDS:-5}
WORK=$(mktemp -d /tmp/cutover-bench-pg-run.XXXXXX)
chmod 755 "$WORK"

cleanup() {
  local rc=$?
  kill_spawned
  pg_cluster_stop
  [[ ${BENCH_KEEP:-0} == 1 ]] && echo "bench: kept $WORK" >&2 || rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# The machine's busy and idle CPU ticks so far (all cores, every process).
cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }

# Runs a command under /usr/bin/time; sets WALL[name] and RSS_KB[name], and
# appends the round's wall to RUNS[name] and the machine's busy/idle
# core-seconds during it to CPU[name] (both servers run on this machine).
timed() {
  local name=$1 rc=0 busy0 idle0 busy1 idle1
  shift
  read -r busy0 idle0 < <(cpu_ticks)
  run_waiting /usr/bin/time -f '%e %M' -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
  read -r busy1 idle1 < <(cpu_ticks)
  read -r "WALL[$name]" "RSS_KB[$name]" < <(tail -n 1 "$WORK/$name.time")
  RUNS[$name]="${RUNS[$name]:-}${RUNS[$name]:+ }${WALL[$name]}"
  CPU[$name]="${CPU[$name]:-}${CPU[$name]:+ }$(awk -v b=$((busy1 - busy0)) -v i=$((idle1 - idle0)) -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.1f/%.1f", b / hz, i / hz }')"
  return "$rc"
}

counts_match() {
  local db=$1 t
  for t in "${TABLES[@]}"; do
    [[ $(pg_sql "$db" "SELECT count(*) FROM public.$t") == "$(pg_sql bench_src "SELECT count(*) FROM public.$t")" ]] || return 1
  done
}

settle() { pg_sql postgres "CHECKPOINT"; }

load_source() {
  local db="$BENCH_DIR/bench-$SCALE.db"
  [[ -f $db ]] || run_waiting "$here/gen_sqlite.sh" "$db" "$SCALE" >&2
  pg_sql postgres "CREATE DATABASE bench_src"
  log "source: loading $db into bench_src with cutover"
  "$CUTOVER_BIN" migrate "$db" "$(pg_url bench_src)" --jobs "$JOBS" --quiet --no-verify --report "$WORK/load.json" >/dev/null
  pg_sql bench_src "DROP SCHEMA cutover_state CASCADE" 2>/dev/null
  pg_sql bench_src "VACUUM ANALYZE"
  TOTAL_ROWS=$(pg_sql bench_src "SELECT sum(n_live_tup) FROM pg_stat_user_tables WHERE schemaname = 'public'")
  SRC_MB=$(pg_sql bench_src "SELECT round(pg_database_size('bench_src') / 1e6)")
}

fresh_db() { pg_sql postgres "DROP DATABASE IF EXISTS $1 WITH (FORCE)" && pg_sql postgres "CREATE DATABASE $1"; }

# The median of the walls of $1's rounds (sets WALL[$1]).
take_median() {
  [[ -n ${RUNS[$1]:-} ]] || return 0
  WALL[$1]=$(tr ' ' '\n' <<<"${RUNS[$1]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
}

run_cutover() {
  fresh_db db_cutover
  settle
  log "cutover: cloning"
  if timed cutover "$CUTOVER_BIN" migrate "$(pg_url bench_src)" "$(pg_url db_cutover)" --jobs "$JOBS" \
    --quiet ${BENCH_CUTOVER_ARGS:-} --report "$WORK/cutover.json" && counts_match db_cutover; then
    STATUS[cutover]=ok
    NOTE[cutover]=$(jq -r '"data phase \(.duration_seconds.data * 10 | round / 10) s; keys, indexes and FKs \([.steps[] | select(.step | test("^(pk|index|fk|check):")) | .seconds] | add // 0 | . * 10 | round / 10) s of step time; verification \(.duration_seconds.verify * 10 | round / 10) s (overlapped)"' "$WORK/cutover.json")
  else
    STATUS[cutover]="failed: $(tail -n 3 "$WORK/cutover.out" "$WORK/cutover.err" | tr '\n' ' ')"
  fi
}

run_pgcopydb() {
  command -v pgcopydb >/dev/null || { STATUS[pgcopydb]="skipped: apt-get install pgcopydb"; return; }
  fresh_db db_pgcopydb
  rm -rf "$WORK/pgcopydb"
  settle
  log "pgcopydb: cloning"
  if timed pgcopydb pgcopydb clone --source "$(pg_url bench_src)" --target "$(pg_url db_pgcopydb)" \
    --table-jobs "$JOBS" --index-jobs "$JOBS" --dir "$WORK/pgcopydb" --no-owner --no-acl &&
    counts_match db_pgcopydb; then
    STATUS[pgcopydb]=ok
    NOTE[pgcopydb]="its summary: $(grep -hE '^ *(COPY, INDEX, CONSTRAINTS, VACUUM|CREATE INDEX, CONSTRAINTS|Total Wall Clock)' \
      "$WORK/pgcopydb.err" "$WORK/pgcopydb.out" 2>/dev/null | tr -s ' ' | tr '\n' ';')"
  else
    STATUS[pgcopydb]="failed: $(tail -n 3 "$WORK/pgcopydb.err" | tr '\n' ' ')"
  fi
}

run_dump_restore() {
  fresh_db db_dump
  settle
  log "pg_dump -j $JOBS | pg_restore -j $JOBS"
  local script="$WORK/dump_restore.sh"
  cat >"$script" <<SCRIPT
set -e
$PG_BIN/pg_dump -Fd -j $JOBS -f "$WORK/dump" "$(pg_url bench_src)"
$PG_BIN/pg_restore -j $JOBS --no-owner -d "$(pg_url db_dump)" "$WORK/dump"
SCRIPT
  if timed pg_dump_restore bash "$script" && counts_match db_dump; then STATUS[pg_dump_restore]=ok
  else STATUS[pg_dump_restore]="failed: $(tail -n 3 "$WORK/pg_dump_restore.err" | tr '\n' ' ')"; fi
}

ratio() { # wall of $2 over wall of $1 = throughput of $1 over $2
  [[ ${STATUS[$1]} == ok && ${STATUS[$2]} == ok ]] || { echo null; return; }
  awk -v a="${WALL[$1]}" -v b="${WALL[$2]}" 'BEGIN { printf "%.2f", b / a }'
}

results() {
  local t
  echo "cutover benchmark, PostgreSQL -> PostgreSQL, $(date '+%F %T')"
  echo "source: bench dataset scale $SCALE loaded into bench_src ($TOTAL_ROWS rows, $SRC_MB MB; PKs, an index, a FK)"
  echo "machine: $(nproc) cores, load average at start $LOADAVG_START; PostgreSQL $(pg_sql postgres 'SHOW server_version'); $(pgcopydb --version 2>&1 | grep -o 'pgcopydb version [^ ]*' | head -n 1)"
  echo "jobs: $JOBS each (pgcopydb: --table-jobs and --index-jobs; pg_dump/pg_restore: -j)"
  echo "cutover options: ${BENCH_CUTOVER_ARGS:-none} (without --no-verify cutover also verifies every chunk's content)"
  echo
  echo "rounds: $ROUNDS (wall s is the median; every round's wall in brackets)"
  printf '%-16s %8s %10s %13s  %s\n' contender "wall s" rows/s "peak RSS MiB" status
  for t in "${TOOLS[@]}"; do
    printf '%-16s %8s %10s %13s  %s\n' "$t" "${WALL[$t]:--}" \
      "$(awk -v n="$TOTAL_ROWS" -v w="${WALL[$t]:-0}" 'BEGIN { if (w > 0) printf "%.0f", n / w; else print "-" }')" \
      "$(awk -v k="${RSS_KB[$t]:-0}" 'BEGIN { printf "%.1f", k / 1024 }')" "${STATUS[$t]} [${RUNS[$t]:-}]"
  done
  echo
  echo "cutover throughput / pgcopydb        = $(ratio cutover pgcopydb)   (target >= 1.2)"
  echo "cutover throughput / pg_dump+restore = $(ratio cutover pg_dump_restore)"
  for t in "${TOOLS[@]}"; do [[ -z ${NOTE[$t]:-} ]] || echo "note $t: ${NOTE[$t]}"; done
  echo "machine CPU per round, busy/idle core-seconds (all $(nproc) cores, both servers included):"
  for t in "${TOOLS[@]}"; do [[ -z ${CPU[$t]:-} ]] || printf '  %-16s %s\n' "$t" "${CPU[$t]}"; done
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
}

main() {
  LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)
  log "cluster: starting PostgreSQL on port $BENCH_PG_PORT"
  pg_cluster_start
  load_source
  local round
  for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS"
    if ((round % 2)); then run_cutover; run_pgcopydb; else run_pgcopydb; run_cutover; fi
    ((round > 1)) || run_dump_restore
    [[ ${STATUS[cutover]} == ok && ${STATUS[pgcopydb]:-ok} != failed* ]] || break
  done
  for t in "${TOOLS[@]}"; do take_median "$t"; done
  local stem n=2
  stem=${BENCH_OUT:-$here/results/$(date +%F)-pg$(awk -v s="$SCALE" 'BEGIN { if (s + 0 != 1) printf "-scale%s", s }')}
  local candidate=$stem
  while [[ -z ${BENCH_OUT:-} && -e $candidate.txt ]]; do candidate="$stem-$n"; n=$((n + 1)); done
  mkdir -p "$(dirname "$candidate")"
  results | tee "$candidate.txt"
  [[ ! -s $WORK/cutover.json ]] || cp "$WORK/cutover.json" "$candidate-cutover-report.json"
}

main "$@"
