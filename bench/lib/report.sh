# shellcheck shell=bash
# Results of run_sqlite.sh and run_mysql.sh: a text table on stdout and in <stem>.txt, the same
# figures in <stem>.json. Reads the globals the run script fills (STATUS, WALL, RSS_KB, TBYTES, COUNT,
# NOTE, TOTAL_ROWS, DB_BYTES, DB_FILE, ...) and the source's names: SRC_KEY (sqlite, mysql: the
# COUNT prefix and the stem), SRC_TITLE, SRC_BYTES (what DB_BYTES measures), SRC_CLIENT (the
# reader client's name and version). MB = 10^6 bytes, MiB = 2^20 bytes.
SRC_KEY=${SRC_KEY:-sqlite}
SRC_TITLE=${SRC_TITLE:-SQLite}
SRC_BYTES=${SRC_BYTES:-SQLite file bytes}

# Prints awk's result of EXPR over the named numbers, or "null" if any is empty.
calc() {
  local expr=$1 fmt=$2 args=() arg
  shift 2
  for arg in "$@"; do
    [[ -n ${arg#*=} && ${arg#*=} != null ]] || { echo null; return; }
    args+=(-v "$arg")
  done
  awk "${args[@]}" "BEGIN { printf \"$fmt\", $expr }"
}

# Per-contender figures: "rows_per_s src_mb_per_s rss_mib target_mb"; the rates only
# for a contender that loaded every row.
figures() {
  local t=$1
  if [[ ${STATUS[$t]:-} != ok ]]; then
    echo null null "$(calc 'k / 1024' '%.1f' "k=${RSS_KB[$t]:-}")" null
    return
  fi
  echo "$(calc 'n / w' '%.0f' "n=$TOTAL_ROWS" "w=${WALL[$t]:-}")" \
    "$(calc 'b / 1e6 / w' '%.1f' "b=$DB_BYTES" "w=${WALL[$t]:-}")" \
    "$(calc 'k / 1024' '%.1f' "k=${RSS_KB[$t]:-}")" \
    "$(calc 'b / 1e6' '%.1f' "b=${TBYTES[$t]:-}")"
}

# ratio_if_ok A B NUM DEN: WALL[NUM] / WALL[DEN] when contenders A and B both loaded
# correctly, else null. (rows/s of X over rows/s of Y = WALL[Y] / WALL[X].)
ratio_if_ok() {
  [[ ${STATUS[$1]:-} == ok && ${STATUS[$2]:-} == ok ]] || { echo null; return; }
  calc 'a / b' '%.2f' "a=${WALL[$3]}" "b=${WALL[$4]}"
}

# phase_ratio SECONDS: cutover's phase SECONDS over the pipeline limit's wall, or null.
phase_ratio() {
  [[ ${STATUS[cutover]:-} == ok && ${STATUS[pipeline_limit]:-} == ok && -n $1 && $1 != null ]] || { echo null; return; }
  calc 'a / b' '%.2f' "a=$1" "b=${WALL[pipeline_limit]}"
}

results_stem() {
  if [[ -n ${BENCH_OUT:-} ]]; then echo "$BENCH_OUT"; return; fi
  local stem n=2
  stem="$RESULTS_DIR/$(date +%F)-$SRC_KEY"
  awk -v s="$SCALE" 'BEGIN { exit !(s + 0 == 1) }' || stem+="-scale$SCALE"
  local candidate=$stem
  while [[ -e $candidate.txt ]]; do candidate="$stem-$n"; n=$((n + 1)); done
  echo "$candidate"
}

results_text() {
  local t table f
  echo "cutover benchmark, $SRC_TITLE -> PostgreSQL, $(date '+%F %T')"
  echo "dataset: ${SRC_DATASET:-$DB_FILE} ($(calc 'b / 1e6' '%.1f' "b=$DB_BYTES") MB, $TOTAL_ROWS rows, scale $SCALE${GEN_S:+, generated in $GEN_S s})"
  echo "machine: $(nproc) cores, load average at start $LOADAVG_START; PostgreSQL $PG_VERSION; $PGLOADER_VERSION; $SRC_CLIENT"
  echo "jobs: $JOBS each; MB/s = $SRC_BYTES / wall time; target MB = heap+TOAST of the loaded tables"
  echo
  printf '%-15s %9s %10s %9s %13s %10s  %s\n' contender "wall s" rows/s "src MB/s" "peak RSS MiB" "target MB" status
  for t in "${TOOLS[@]}"; do
    read -r -a f < <(figures "$t")
    printf '%-15s %9s %10s %9s %13s %10s  %s\n' "$t" "${WALL[$t]:--}" "${f[0]}" "${f[1]}" "${f[2]}" "${f[3]}" "${STATUS[$t]}"
  done
  echo
  echo "cutover rows/s / pgloader rows/s     = $RATIO_PGLOADER   (> 1: cutover is faster)"
  echo "cutover time / pipeline-limit time   = $RATIO_LIMIT   (whole run: profiling, data, keys, FKs, verify)"
  echo "cutover data phase / pipeline limit  = $RATIO_DATA   (first chunk to last commit: the work the limit measures)"
  echo "cutover profile + data / limit       = $RATIO_PLAN_DATA   (adds the full profiling scan that picks exact types)"
  echo
  echo "row counts: table $SRC_KEY ${TOOLS[*]}"
  for table in "${TABLES[@]}"; do
    echo "  $table ${COUNT[$SRC_KEY:$table]} ${COUNT[cutover:$table]:--} ${COUNT[pgloader:$table]:--} ${COUNT[pipeline_limit:$table]:--}"
  done
  for t in "${TOOLS[@]}"; do
    [[ -n ${NOTE[$t]:-} ]] && echo "note $t: ${NOTE[$t]}"
  done
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ -s $WORK/pgloader.out ]]; then
    echo
    echo "pgloader's own summary:"
    sed -n '/table name/,/Total import time/p' "$WORK/pgloader.out"
  fi
  return 0
}

run_json() {
  local t=$1 f table counts="{}"
  read -r -a f < <(figures "$t")
  for table in "${TABLES[@]}"; do
    counts=$(jq -c --arg t "$table" --argjson n "${COUNT[$t:$table]:-null}" '. + {($t): $n}' <<<"$counts")
  done
  jq -n --arg status "${STATUS[$t]}" --arg note "${NOTE[$t]:-}" --argjson wall "${WALL[$t]:-null}" \
    --argjson rps "${f[0]}" --argjson mbs "${f[1]}" --argjson rss "${f[2]}" --argjson tmb "${f[3]}" \
    --argjson counts "$counts" \
    '{status: $status, wall_s: $wall, rows_per_s: $rps, src_mb_per_s: $mbs, peak_rss_mib: $rss,
      target_table_mb: $tmb, rows: $counts, note: $note}'
}

results_json() {
  local runs="{}" t src="{}" table
  for t in "${TOOLS[@]}"; do
    runs=$(jq -c --arg t "$t" --argjson r "$(run_json "$t")" '. + {($t): $r}' <<<"$runs")
  done
  for table in "${TABLES[@]}"; do
    src=$(jq -c --arg t "$table" --argjson n "${COUNT[$SRC_KEY:$table]}" '. + {($t): $n}' <<<"$src")
  done
  jq -n --arg date "$(date -Iseconds)" --arg scale "$SCALE" --argjson jobs "$JOBS" \
    --arg file "$DB_FILE" --argjson bytes "$DB_BYTES" --argjson rows "$TOTAL_ROWS" --argjson src "$src" \
    --argjson gen "${GEN_S:-null}" --arg load "$LOADAVG_START" --argjson cores "$(nproc)" \
    --arg pg "$PG_VERSION" --arg pgl "$PGLOADER_VERSION" --arg client "$SRC_CLIENT" --arg srckey "$SRC_KEY" \
    --argjson runs "$runs" --argjson rp "$RATIO_PGLOADER" --argjson rl "$RATIO_LIMIT" \
    --argjson rd "$RATIO_DATA" --argjson rpd "$RATIO_PLAN_DATA" \
    '{date: $date, scale: ($scale | tonumber), jobs: $jobs,
      dataset: {file: $file, bytes: $bytes, total_rows: $rows, rows: $src, generate_s: $gen},
      machine: {cores: $cores, loadavg_start: $load},
      source: $srckey, versions: {postgresql: $pg, pgloader: $pgl, source_client: $client},
      runs: $runs,
      ratios: {cutover_rows_per_s_over_pgloader: $rp, cutover_time_over_pipeline_limit: $rl,
               cutover_data_phase_over_pipeline_limit: $rd, cutover_plan_and_data_over_pipeline_limit: $rpd}}'
}

write_results() {
  PG_VERSION=$(pg_sql postgres "SHOW server_version")
  PGLOADER_VERSION=$(pgloader --version 2>/dev/null | sed -n 1p || true)
  RATIO_PGLOADER=$(ratio_if_ok cutover pgloader pgloader cutover)
  RATIO_LIMIT=$(ratio_if_ok cutover pipeline_limit cutover pipeline_limit)
  local data_s plan_s
  data_s=$(jq -r '.duration_seconds.data // empty' "$WORK/cutover-report.json" 2>/dev/null || true)
  plan_s=$(jq -r '.duration_seconds.plan // empty' "$WORK/cutover-report.json" 2>/dev/null || true)
  RATIO_DATA=$(phase_ratio "$data_s")
  RATIO_PLAN_DATA=null
  [[ -z $data_s || -z $plan_s ]] || RATIO_PLAN_DATA=$(phase_ratio "$(calc 'a + b' '%.3f' "a=$data_s" "b=$plan_s")")
  local stem
  stem=$(results_stem)
  mkdir -p "$(dirname "$stem")"
  results_text | tee "$stem.txt"
  results_json >"$stem.json"
  [[ ! -s $WORK/cutover-report.json ]] || cp "$WORK/cutover-report.json" "$stem-cutover-report.json"
  log "results: $stem.txt and $stem.json"
}
