#!/usr/bin/env bash
# The test command. Installs dependencies, builds, starts a throwaway
# PostgreSQL, runs every test (unit + integration) with ctest, then builds the
# unit tests with AddressSanitizer + UndefinedBehaviorSanitizer and runs them
# again. Ends with one line "N passed, N failed" over both runs and exits
# non-zero if anything failed.
#
# Also starts a throwaway MariaDB (scripts/mysql-server.sh) for the MySQL
# source tests and exports CUTOVER_TEST_MYSQL_URL.
#
# Environment: CUTOVER_TEST_PG_PORT (default 55432, or the next free port),
# CUTOVER_TEST_MYSQL_PORT (default 55532, or the next free port),
# CUTOVER_BUILD_DIR (default build/), CUTOVER_ASAN_BUILD_DIR (default build-asan/),
# CUTOVER_SKIP_ASAN=1 to skip the sanitizer run.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
exec </dev/null

passed=0
failed=0
logs="$(mktemp -d /tmp/cutover-test-logs.XXXXXX)"
pg_dir=""
mysql_dir=""

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  if [ -n "$pg_dir" ]; then
    bash scripts/pg-server.sh stop "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  if [ -n "$mysql_dir" ]; then
    bash scripts/mysql-server.sh stop "$mysql_dir" >/dev/null 2>&1 || true
    rm -rf "$mysql_dir"
  fi
  rm -rf "$logs"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

summary_and_exit() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "${1:-0}" -eq 0 ]
  exit $?
}

# Runs ctest with the given arguments and adds its counts to the totals. A
# run that ends without ctest's summary line counts as one failure.
run_ctest() {
  local log="$logs/ctest-$RANDOM.log"
  ctest "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line
  line="$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)"
  if [ -n "$line" ]; then
    local bad total
    bad="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")"
    total="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")"
    passed=$((passed + total - bad))
    failed=$((failed + bad))
  elif grep -q "No tests were found" "$log"; then
    echo "test.sh: ctest $* found no tests"
  else
    echo "test.sh: ctest $* ended without a summary (exit $rc)"
    failed=$((failed + 1))
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free port: $1 when given explicitly (the user's choice), else the first
# free one from $2 up to $3.
pick_port() {
  local port="${1:-$2}"
  if [ -z "$1" ]; then
    while port_in_use "$port" && [ "$port" -lt "$3" ]; do port=$((port + 1)); done
  fi
  echo "$port"
}

start_pg() {
  local port
  port="$(pick_port "${CUTOVER_TEST_PG_PORT:-}" 55432 55500)"
  pg_dir="$(mktemp -d /tmp/cutover-test-pg.XXXXXX)"
  bash scripts/pg-server.sh start "$pg_dir" "$port" || return 1
  export CUTOVER_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/cutover"
}

start_mysql() {
  local port
  port="$(pick_port "${CUTOVER_TEST_MYSQL_PORT:-}" 55532 55600)"
  mysql_dir="$(mktemp -d /tmp/cutover-test-mysql.XXXXXX)"
  bash scripts/mysql-server.sh start "$mysql_dir" "$port" || return 1
  export CUTOVER_TEST_MYSQL_URL="mysql://root@127.0.0.1:$port/"
}

echo "== dependencies"
bash scripts/install-deps.sh || { echo "test.sh: installing dependencies failed"; failed=$((failed + 1)); summary_and_exit 1; }

echo "== build"
bash scripts/build.sh || { echo "test.sh: the build failed"; failed=$((failed + 1)); summary_and_exit 1; }
build_dir="${CUTOVER_BUILD_DIR:-$root/build}"

echo "== PostgreSQL"
if ! start_pg; then
  echo "test.sh: could not start PostgreSQL; integration tests will fail"
  failed=$((failed + 1))
fi

echo "== MariaDB"
if ! start_mysql; then
  echo "test.sh: could not start MariaDB; MySQL integration tests will fail"
  failed=$((failed + 1))
fi

echo "== unit and integration tests"
run_ctest --test-dir "$build_dir" --output-on-failure -j2

if [ "${CUTOVER_SKIP_ASAN:-0}" != 1 ]; then
  echo "== unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
  asan_dir="${CUTOVER_ASAN_BUILD_DIR:-$root/build-asan}"
  if cmake -S "$root" -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCUTOVER_SANITIZE=ON >/dev/null &&
    cmake --build "$asan_dir" -j "$(nproc)" --target unit_tests; then
    ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}" \
      UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
      run_ctest --test-dir "$asan_dir" -L unit --output-on-failure -j2
  else
    echo "test.sh: the sanitizer build failed"
    failed=$((failed + 1))
  fi
fi

summary_and_exit 0
