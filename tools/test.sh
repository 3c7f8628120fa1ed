#!/usr/bin/env bash
# test.sh: installs the packages, builds everything (RelWithDebInfo, build/) and runs every test
# with ctest. Exits with ctest's status. CI runs this through .ci/run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${OMNIHUB_BUILD_DIR:-${ROOT}/build}"
JOBS="${OMNIHUB_JOBS:-2}"

log() { printf 'test.sh: %s\n' "$*"; }

# --- servers the tests need ------------------------------------------------------------------
# Real servers that e2e tests use (for example a throwaway PostgreSQL) are started here and
# stopped in stop_test_servers, which the EXIT trap runs also when the build or a test fails.
# Tests that start their own processes (hubd on port 0) need nothing here.
# shellcheck source=tools/pg-test-server.sh
source "${ROOT}/tools/pg-test-server.sh"

start_test_servers() {
  # A throwaway PostgreSQL 15 for the ODBC tests (label "postgres"); they skip without it.
  log "starting a throwaway PostgreSQL 15"
  pg_test_server_start
  log "PostgreSQL on 127.0.0.1:${OMNIHUB_TEST_PG_PORT} (${OMNIHUB_TEST_PG_DIR})"
}

stop_test_servers() {
  pg_test_server_stop
}
# ---------------------------------------------------------------------------------------------

main() {
  cd "${ROOT}"
  "${ROOT}/tools/install-deps.sh"

  export CCACHE_BASEDIR="${ROOT}" CCACHE_NOHASHDIR=1
  log "configuring ${BUILD_DIR#"${ROOT}"/} (RelWithDebInfo)"
  cmake -S "${ROOT}" -B "${BUILD_DIR}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  log "building (-j${JOBS})"
  cmake --build "${BUILD_DIR}" -j "${JOBS}"

  trap stop_test_servers EXIT
  start_test_servers

  log "running the tests"
  local output="${BUILD_DIR}/ctest-output.log" status=0
  ctest --test-dir "${BUILD_DIR}" --output-on-failure -j "${JOBS}" 2>&1 | tee "${output}" ||
    status="${PIPESTATUS[0]}"
  echo
  log "summary:"
  grep -E '^[0-9]+% tests passed|^The following tests (FAILED|did not run)|^[[:space:]]+[0-9]+ - ' \
    "${output}" || log "ctest printed no summary"
  log "ctest exited ${status}"
  return "${status}"
}

main "$@"
