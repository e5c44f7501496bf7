# shellcheck shell=bash
# Pipeline limit: the time for the source's own reader (sqlite3, or `mariadb --quick`,
# printing the rows to /dev/null) running at the same moment as PostgreSQL ingesting the same rows by
# server-side COPY ... FROM 'file' (FORMAT binary). No tool can be faster than the
# slower of the two halves, so `tool time / limit time` says how much is left to win.
# Source after proc.sh and pg_cluster.sh. Both halves use the same key-range chunks and the same
# parallelism (xargs -P JOBS each).

LIMIT_DB=db_limit
LIMIT_WORKER="$(dirname "${BASH_SOURCE[0]}")/limit_worker.sh"

# Prints "TABLE LO HI" lines: id ranges of CHUNK_ROWS for each table, in the given order.
limit_chunks() {
  local sqlite_file=$1 chunk_rows=$2 table lo hi min max
  shift 2
  for table in "$@"; do
    read -r min max < <(sqlite3 -separator ' ' "$sqlite_file" "SELECT min(id), max(id) FROM \"$table\"")
    for ((lo = min; lo <= max; lo += chunk_rows)); do
      hi=$((lo + chunk_rows - 1))
      echo "$table $lo $hi"
    done
  done
}

# Creates $LIMIT_DB with bare copies (columns and NOT NULL only, as a migration tool
# loads them) of the tables in REF_DB and writes one binary COPY file per chunk.
# Untimed preparation.
limit_prepare() {
  local ref_db=$1 chunks_file=$2 table lo hi schema ddl
  pg_createdb "$LIMIT_DB"
  for table in $(cut -d' ' -f1 "$chunks_file" | uniq); do
    schema=$(pg_table_schema "$ref_db" "$table")
    ddl=$(pg_sql "$ref_db" "
      SELECT format('CREATE TABLE public.%I (%s)', '$table',
                    string_agg(format('%I %s%s', attname, format_type(atttypid, atttypmod),
                                      CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END),
                               ', ' ORDER BY attnum))
      FROM pg_attribute
      WHERE attrelid = format('%I.%I', '$schema', '$table')::regclass
        AND attnum > 0 AND NOT attisdropped")
    pg_sql "$LIMIT_DB" "$ddl"
  done
  while read -r table lo hi; do
    schema=$(pg_table_schema "$ref_db" "$table")
    pg_sql "$ref_db" "COPY (SELECT * FROM \"$schema\".\"$table\" WHERE id BETWEEN $lo AND $hi)
                      TO '$PG_TMP/copy/$table.$lo.bin' (FORMAT binary)"
  done <"$chunks_file"
}

# Starts one half in the background (pid in SPAWNED): for every chunk line "TABLE LO HI",
# `limit_worker.sh MODE ARGS... TABLE LO HI`, JOBS at a time; then writes the time it
# finished to END_FILE.
limit_half() {
  local jobs=$1 chunks_file=$2 end_file=$3
  shift 3
  # shellcheck disable=SC2016 # expanded by the inner bash
  spawn bash -c 'xargs -P "$1" -L 1 "${@:4}" <"$2" && date +%s.%N >"$3"' _ \
    "$jobs" "$chunks_file" "$end_file" "$LIMIT_WORKER" "$@"
}

# Runs both halves at once: limit_run JOBS CHUNKS_FILE WORK READ_MODE READ_ARGS... (the
# reader is `limit_worker.sh READ_MODE READ_ARGS... RSS_FILE TABLE LO HI`: `read SQLITE_FILE`
# or `read_mysql PORT DB`). Sets LIMIT_WALL, LIMIT_READ_S, LIMIT_COPY_S (seconds from the
# common start until each half finished) and LIMIT_RSS_KB (largest reader).
# shellcheck disable=SC2034 # the LIMIT_* globals are read by the caller
limit_run() {
  local jobs=$1 chunks_file=$2 work=$3 rc=0 t0 pr pc
  shift 3
  export PG_BIN BENCH_PG_PORT
  : >"$work/limit.rss"
  t0=$(date +%s.%N)
  limit_half "$jobs" "$chunks_file" "$work/limit.read.end" "$@" "$work/limit.rss"
  pr=$SPAWNED
  limit_half "$jobs" "$chunks_file" "$work/limit.copy.end" copy "$LIMIT_DB" "$PG_TMP/copy"
  pc=$SPAWNED
  wait "$pr" || rc=1
  wait "$pc" || rc=1
  LIMIT_WALL=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  LIMIT_READ_S=$(awk -v a="$t0" -v b="$(cat "$work/limit.read.end" 2>/dev/null || echo 0)" \
    'BEGIN { printf "%.2f", b - a }')
  LIMIT_COPY_S=$(awk -v a="$t0" -v b="$(cat "$work/limit.copy.end" 2>/dev/null || echo 0)" \
    'BEGIN { printf "%.2f", b - a }')
  LIMIT_RSS_KB=$(sort -n "$work/limit.rss" | tail -n 1)
  return "$rc"
}
