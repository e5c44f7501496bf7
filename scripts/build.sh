#!/usr/bin/env bash
# Configures and builds cutover (RelWithDebInfo) into build/ or $CUTOVER_BUILD_DIR.
# Extra arguments go to the CMake configure step, e.g. -DCUTOVER_TESTS=OFF.
# Parallelism: $CUTOVER_BUILD_JOBS, default nproc.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${CUTOVER_BUILD_DIR:-$root/build}"
jobs="${CUTOVER_BUILD_JOBS:-$(nproc)}"
build_type="${CMAKE_BUILD_TYPE:-RelWithDebInfo}"

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "$@"
cmake --build "$build_dir" -j "$jobs"
