# shellcheck shell=bash
# The three contenders of a side-by-side run (run_sqlite.sh, run_mysql.sh): cutover, pgloader
# and the pipeline limit, each into its own fresh database of the throwaway cluster. Source
# after proc.sh, pg_cluster.sh and pipeline_limit.sh. The run script provides:
#   TABLES (largest first), WORK, JOBS, CHUNK_ROWS, CUTOVER_BIN, DB_FILE (the SQLite file whose
#   ids define the limit's chunks), SRC_KEY, COUNT[$SRC_KEY:table] (source row counts),
#   SRC_URL (what cutover migrates from), PGLOADER_LOAD (the .load.in template; @PG_URL@ and
#   @JOBS@ are filled here, other fields by pgloader_fields), LIMIT_READER (the reader's
#   limit_worker.sh mode and arguments) and settle (same starting point for every contender).
# shellcheck disable=SC2034 # the figures set here are read by report.sh

declare -A STATUS WALL RSS_KB TBYTES COUNT NOTE
BENCH_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# Sets DB_FILE: the SQLite bench file of SCALE in BENCH_DIR, generated (GEN_S: seconds)
# unless a file from the same generator and scale exists.
ensure_dataset() {
  DB_FILE="$BENCH_DIR/bench-$SCALE.db"
  local stamp
  stamp=$(cat "$BENCH_HOME/gen_sqlite.sql" "$BENCH_HOME/gen_sqlite.sh" | md5sum | cut -d' ' -f1)
  mkdir -p "$BENCH_DIR"
  if [[ -f $DB_FILE && $(cat "$DB_FILE.stamp" 2>/dev/null) == "$stamp" ]]; then
    log "dataset: reusing $DB_FILE"
    GEN_S=""
    return
  fi
  log "dataset: generating $DB_FILE (scale $SCALE)"
  local t0
  t0=$(date +%s.%N)
  run_waiting "$BENCH_HOME/gen_sqlite.sh" "$DB_FILE" "$SCALE" >&2
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
    [[ ${COUNT[$tool:$table]} == "${COUNT[$SRC_KEY:$table]}" ]] || ok=0
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
  if timed cutover "$CUTOVER_BIN" migrate "$SRC_URL" "$(pg_url db_cutover)" \
    --jobs "$JOBS" --quiet --report "$WORK/cutover-report.json" ${BENCH_CUTOVER_ARGS:-}; then
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
  sed -e "s|@PG_URL@|$(pg_url db_pgloader)|" -e "s|@JOBS@|$JOBS|" "$PGLOADER_LOAD" | pgloader_fields >"$WORK/pgloader.load"
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
  log "pipeline limit: ${LIMIT_READER[0]} readers and COPY FROM binary, $JOBS + $JOBS in parallel"
  if limit_run "$JOBS" "$WORK/chunks.txt" "$WORK" "${LIMIT_READER[@]}"; then
    WALL[pipeline_limit]=$LIMIT_WALL
    RSS_KB[pipeline_limit]=$LIMIT_RSS_KB
    NOTE[pipeline_limit]="types from $ref; $(wc -l <"$WORK/chunks.txt") chunks; readers done at ${LIMIT_READ_S} s, COPY done at ${LIMIT_COPY_S} s; RSS = largest reader"
    check_target pipeline_limit "$LIMIT_DB"
  else
    STATUS[pipeline_limit]="failed: a reader or a COPY failed"
  fi
  log "pipeline limit: ${STATUS[pipeline_limit]} in ${WALL[pipeline_limit]:-?} s"
}

# The three contenders, then the results; fails when one of them failed.
run_contenders() {
  local t
  run_cutover
  run_pgloader
  run_limit
  write_results
  for t in "${TOOLS[@]}"; do
    [[ ${STATUS[$t]} != failed* ]] || { log "bench: $t ${STATUS[$t]}"; return 1; }
  done
}
