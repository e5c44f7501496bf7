# shellcheck shell=bash
# Child processes of a benchmark run. A long command runs in the background in its own
# process group and the script `wait`s for it, so Ctrl-C / SIGTERM reach the script's trap
# at once (bash runs traps only between foreground commands) and the trap can end the
# whole group (e.g. /usr/bin/time and the pgloader under it) by its id.

BENCH_GROUPS=()

# Starts "$@" in the background as a new process group; sets SPAWNED to its pid (= group id).
spawn() {
  setsid "$@" &
  SPAWNED=$!
  BENCH_GROUPS+=("$SPAWNED")
}

# Starts "$@" as spawn does and returns its exit status.
run_waiting() {
  local rc=0
  spawn "$@"
  wait "$SPAWNED" || rc=$?
  return "$rc"
}

# Sends SIGTERM to every group started by spawn (those already gone are skipped).
kill_spawned() {
  local group
  for group in "${BENCH_GROUPS[@]}"; do
    kill -TERM -- "-$group" 2>/dev/null || true
  done
}
