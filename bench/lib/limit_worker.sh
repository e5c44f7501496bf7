#!/usr/bin/env bash
# One unit of the pipeline-limit measurement, run by xargs -P (see pipeline_limit.sh).
#   limit_worker.sh read SQLITE_FILE RSS_FILE TABLE LO HI
#       the source's own reader: sqlite3 prints rows LO..HI of TABLE to /dev/null;
#       its peak RSS (KiB) is appended to RSS_FILE.
#   limit_worker.sh read_mysql PORT DB RSS_FILE TABLE LO HI
#       the MariaDB client streaming (--quick) rows LO..HI of TABLE from 127.0.0.1:PORT to
#       /dev/null; its peak RSS is appended to RSS_FILE.
#   limit_worker.sh copy PG_DB COPY_DIR TABLE LO HI
#       PostgreSQL ingests COPY_DIR/TABLE.LO.bin with server-side COPY ... (FORMAT binary).
# Needs PG_BIN and BENCH_PG_PORT in the environment for `copy`.
set -euo pipefail
mode=$1
shift
case $mode in
  read)
    /usr/bin/time -a -o "$2" -f '%M' \
      sqlite3 "$1" "SELECT * FROM \"$3\" WHERE id BETWEEN $4 AND $5" >/dev/null
    ;;
  read_mysql)
    /usr/bin/time -a -o "$3" -f '%M' \
      mariadb --no-defaults --quick --batch --skip-column-names -h 127.0.0.1 -P "$1" -u root "$2" \
      -e "SELECT * FROM \`$4\` WHERE id BETWEEN $5 AND $6" >/dev/null
    ;;
  copy)
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres \
      -d "$1" -c "COPY public.\"$3\" FROM '$2/$3.$4.bin' (FORMAT binary)"
    ;;
  *)
    echo "limit_worker: unknown mode '$mode' (read|read_mysql|copy)" >&2
    exit 2
    ;;
esac
