#!/usr/bin/env bash
# Build the deterministic SQLite benchmark file.
#
#   bench/gen_sqlite.sh OUT.db [SCALE]
#
# SCALE (default: $BENCH_SCALE, else 1.0) multiplies the row counts:
# 1.0 = 500,000 customers + 2,000,000 orders + 4,500,000 order_items (7M rows);
# 0.01 is a smoke run. Only the sqlite3 CLI is needed. An existing OUT is replaced.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 OUT.db [SCALE]" >&2
  exit 2
fi
out=$1
scale=${2:-${BENCH_SCALE:-1.0}}

if ! awk -v s="$scale" 'BEGIN { exit !(s + 0 > 0) }'; then
  echo "gen_sqlite: SCALE must be a positive number, got '$scale'" >&2
  exit 2
fi
command -v sqlite3 >/dev/null || { echo "gen_sqlite: sqlite3 CLI not found (apt-get install sqlite3)" >&2; exit 1; }

count() { awk -v b="$1" -v s="$scale" 'BEGIN { n = int(b * s + 0.5); print (n < 1 ? 1 : n) }'; }
n_customers=$(count 500000)
n_orders=$(count 2000000)
n_items=$(count 4500000)

rm -f "$out" "$out-journal" "$out-wal" "$out-shm"
sqlite3 -bail "$out" <<SQL
CREATE TEMP TABLE bench_params (n_customers INTEGER, n_orders INTEGER, n_items INTEGER);
INSERT INTO bench_params VALUES ($n_customers, $n_orders, $n_items);
.output /dev/null
.read '$here/gen_sqlite.sql'
.output stdout
SQL
echo "gen_sqlite: wrote $out (scale $scale: $n_customers customers, $n_orders orders, $n_items order_items)"
