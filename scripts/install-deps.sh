#!/usr/bin/env bash
# Installs everything cutover needs to build, test and run the demo on Debian 12.
# Idempotent: installs only what is missing and runs `apt-get update` only when
# the package lists are missing or too old to install from. Needs root (or sudo).
# The benchmark tools (pgloader, pgcopydb) are installed by bench/ scripts.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libpq-dev libsqlite3-dev libfmt-dev libspdlog-dev libcli11-dev nlohmann-json3-dev
  libtomlplusplus-dev libyaml-cpp-dev libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-contrib postgresql-15-postgis-3 sqlite3 python3 time procps
  libmariadb-dev mariadb-server mariadb-client
  unixodbc-dev tdsodbc freetds-bin
)

# The TDS tests cross-check the test server with tedious (npm), pinned by
# tests/tds/node/package-lock.json. Node.js itself comes from Debian when the
# machine has none (tedious 19 needs Node >= 18.17).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
install_tedious() {
  if ! command -v npm >/dev/null; then
    echo "install-deps: npm is missing; the tedious cross-check tests will fail" >&2
    return 0
  fi
  if [ ! -d "$root/tests/tds/node/node_modules/tedious" ]; then
    echo "install-deps: npm ci in tests/tds/node"
    (cd "$root/tests/tds/node" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
if ! command -v node >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  install_tedious
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
    exit 1
  fi
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
apt_install() {
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" </dev/null
}

echo "install-deps: installing ${missing[*]}"
# Try the existing package lists first; update them only if that fails
# (no lists yet, or lists that point at versions the mirror no longer has).
if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1 || ! apt_install; then
  "${sudo[@]}" apt-get update -q </dev/null
  apt_install
fi
install_tedious
echo "install-deps: done"
