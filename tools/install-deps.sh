#!/usr/bin/env bash
# install-deps.sh: installs the Debian 12 packages Omnihub needs to build, test and run.
# Only missing packages are installed; `apt-get update` runs only when something is missing.
# Works as root, or through sudo when run by another user. Safe to run again.
set -euo pipefail

# The one list of packages. Add a package here, on its own line.
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config g++
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc
  libboost-dev libboost-program-options-dev
  libzmq3-dev cppzmq-dev
  libxml2-dev libxml2-utils
  unixodbc-dev libsqliteodbc odbc-postgresql sqlite3
  nlohmann-json3-dev libsimdjson-dev
  libphonenumber-dev libicu-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libssl-dev zlib1g-dev
  s3270 postgresql
  python3 python3-grpcio python3-grpc-tools python3-protobuf
  curl openssl tzdata
  nghttp2-client
  graphviz chromium
)

log() { printf 'install-deps: %s\n' "$*"; }

is_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" == "installed" ]]
}

missing=()
for package in "${PACKAGES[@]}"; do
  is_installed "${package}" || missing+=("${package}")
done

if ((${#missing[@]} == 0)); then
  log "all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

as_root=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    log "missing packages: ${missing[*]}"
    log "not running as root and sudo is not available: install them as root, then run this again"
    exit 1
  fi
fi

log "installing ${#missing[@]} missing package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "${missing[@]}"
log "done"
