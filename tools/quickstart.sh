#!/usr/bin/env bash
# quickstart.sh: from a fresh Debian 12 machine to Jane Doe's Customer 360 in one command.
#
#   tools/quickstart.sh         install packages, build (Release, build-release/), start the hub in
#                               the background, wait until it is healthy, show a Customer 360
#   tools/quickstart.sh stop    stop everything quickstart started
#
# Background services: pid files in .run/, logs in .run/logs/. Running it again restarts them
# cleanly with the fresh build; stale pid files are cleaned up.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${OMNIHUB_BUILD_DIR:-${ROOT}/build-release}"
JOBS="${OMNIHUB_JOBS:-2}"
RUN_DIR="${ROOT}/.run"
LOG_DIR="${RUN_DIR}/logs"
CONFIG="${ROOT}/config/hubd-simulators.xml"
HUB="127.0.0.1:50051"                      # as the config says
HEALTH_TIMEOUT_S="${OMNIHUB_HEALTH_TIMEOUT_S:-60}"
TARGETS=(hubd hubctl ecommerce-sim mainframe-sim payment-sim erp-load erp-change pos-sim
         omnihub-event-forwarder omnihub-publish-change)
HUBCTL="${BUILD_DIR}/tools/hubctl/hubctl"

log() { printf 'quickstart: %s\n' "$*"; }
die() { printf 'quickstart: error: %s\n' "$*" >&2; exit 1; }

# shellcheck source=tools/lib/services.sh
SERVICES_LOG_PREFIX="quickstart"
source "${ROOT}/tools/lib/services.sh"

# The simulated landscape (tools/simulators.sh, which a later simulator joins), then the hub
# over it with the environment the simulators report (credentials, the ERP's connection string,
# the POS drop directory).
start_services() {
  OMNIHUB_BUILD_DIR="${BUILD_DIR}" OMNIHUB_RUN_DIR="${RUN_DIR}" "${ROOT}/tools/simulators.sh" start ||
    { stop_all; die "the simulators did not start (logs: ${LOG_DIR#"${ROOT}"/}/)"; }
  # shellcheck disable=SC1090
  source <(OMNIHUB_RUN_DIR="${RUN_DIR}" "${ROOT}/tools/simulators.sh" env)
  start_service hubd "${BUILD_DIR}/hub/hubd" --config "${CONFIG}"
}

# Stops the hub and every simulator.
stop_all() {
  stop_services
  OMNIHUB_BUILD_DIR="${BUILD_DIR}" OMNIHUB_RUN_DIR="${RUN_DIR}" "${ROOT}/tools/simulators.sh" stop
  log "stopped"
}

# --- steps ----------------------------------------------------------------------------------

build() {
  export CCACHE_BASEDIR="${ROOT}" CCACHE_NOHASHDIR=1
  log "configuring ${BUILD_DIR#"${ROOT}"/} (Release)"
  cmake -S "${ROOT}" -B "${BUILD_DIR}" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DOMNIHUB_BUILD_TESTS=OFF -DOMNIHUB_BUILD_BENCHMARKS=OFF >/dev/null
  log "building ${TARGETS[*]} (-j${JOBS}; the first build takes several minutes)"
  cmake --build "${BUILD_DIR}" -j "${JOBS}" --target "${TARGETS[@]}"
}

wait_for_hub() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT_S)) pid
  log "waiting for the hub at ${HUB} to be healthy (at most ${HEALTH_TIMEOUT_S}s)"
  while ((SECONDS < deadline)); do
    if "${HUBCTL}" --hub "${HUB}" --timeout-ms 1000 health >/dev/null 2>&1; then
      log "the hub is healthy"
      return 0
    fi
    pid="$(running_pid hubd)"
    [[ -n "${pid}" ]] || break
    sleep 0.5
  done
  printf 'quickstart: error: the hub did not become healthy; the end of %s:\n' \
    "${LOG_DIR#"${ROOT}"/}/hubd.log" >&2
  tail -n 40 "${LOG_DIR}/hubd.log" >&2 || true
  stop_all
  exit 1
}

refuse_foreign_hub() {
  [[ -n "$(running_pid hubd)" ]] && return 0
  if "${HUBCTL}" --hub "${HUB}" --timeout-ms 1000 health >/dev/null 2>&1; then
    die "a hub that quickstart did not start already answers at ${HUB}; stop it first"
  fi
}

main() {
  case "${1:-start}" in
    stop)
      stop_all
      return 0
      ;;
    start) ;;
    -h | --help)
      sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      return 0
      ;;
    *) die "unknown argument '$1' (use: tools/quickstart.sh [stop])" ;;
  esac
  cd "${ROOT}"
  "${ROOT}/tools/install-deps.sh"
  build
  refuse_foreign_hub
  start_services
  wait_for_hub
  log "Jane Doe's Customer 360:"
  echo
  "${HUBCTL}" --hub "${HUB}" customer 360 --email jane.doe@example.com
  echo
  log "the hub runs in the background (gRPC ${HUB}, admin http://127.0.0.1:9464/healthz)"
  log "try: ${HUBCTL#"${ROOT}"/} customer 360 --twitter @janedoe"
  log "watch change events: ${HUBCTL#"${ROOT}"/} events watch --email jane.doe@example.com"
  log "  and move an order on in the ERP (it publishes the change): source <(tools/simulators.sh env);" \
    "${BUILD_DIR#"${ROOT}"/}/tools/simulators/erp/erp-change --connection \"\$OMNIHUB_ERP_CONNECTION\"" \
    "--order W1000002 --status delivered"
  log "the simulators alone: tools/simulators.sh start|stop|status [NAME...]"
  log "stop it with: tools/quickstart.sh stop"
}

main "$@"
