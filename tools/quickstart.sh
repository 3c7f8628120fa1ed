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
ORDER_FILE="${RUN_DIR}/started"            # service names, in the order they were started
CONFIG="${ROOT}/config/hubd-simulators.xml"
HUB="127.0.0.1:50051"                      # as the config says
HEALTH_TIMEOUT_S="${OMNIHUB_HEALTH_TIMEOUT_S:-60}"
STOP_GRACE_S=10
TARGETS=(hubd hubctl ecommerce-sim mainframe-sim erp-load pos-sim omnihub-event-forwarder
         omnihub-publish-change)
EVENTS_FRONTEND="tcp://127.0.0.1:5570"       # where backends publish change events
EVENTS_BACKEND="tcp://127.0.0.1:5571"        # where hubs subscribe (config/hubd.xml <events>)
HUBCTL="${BUILD_DIR}/tools/hubctl/hubctl"

log() { printf 'quickstart: %s\n' "$*"; }
die() { printf 'quickstart: error: %s\n' "$*" >&2; exit 1; }

# The background services, in start order. A later simulator is one more line here.
start_services() {
  start_service event-forwarder "${BUILD_DIR}/adapters/events/omnihub-event-forwarder" \
    --frontend "${EVENTS_FRONTEND}" --backend "${EVENTS_BACKEND}"
  # The ecommerce simulator (REST/JSON, http://127.0.0.1:8081) asks for the API key the http-json
  # connector sends (the mapping's <credential env=...>); a demo key unless one is set.
  export OMNIHUB_ECOMMERCE_API_KEY="${OMNIHUB_ECOMMERCE_API_KEY:-quickstart-demo-key}"
  rm -f "${RUN_DIR}/ecommerce-sim.ready"
  start_service ecommerce-sim "${BUILD_DIR}/tools/simulators/ecommerce/ecommerce-sim" \
    --listen 127.0.0.1:8081 --seed 42 --customers 1000 \
    --api-key-env OMNIHUB_ECOMMERCE_API_KEY --ready-file "${RUN_DIR}/ecommerce-sim.ready" \
    --publish-changes "${EVENTS_FRONTEND}"
  wait_for_ready_file ecommerce-sim "${RUN_DIR}/ecommerce-sim.ready"
  # The mainframe simulator (TN3270E, 127.0.0.1:3270; a 3270 emulator can sign on too, password
  # OMNIHUB); the tn3270 connector signs on with these.
  export OMNIHUB_MAINFRAME_USER="${OMNIHUB_MAINFRAME_USER:-CSR0001}"
  export OMNIHUB_MAINFRAME_PASSWORD="${OMNIHUB_MAINFRAME_PASSWORD:-OMNIHUB}"
  rm -f "${RUN_DIR}/mainframe-sim.ready"
  start_service mainframe-sim "${BUILD_DIR}/tools/simulators/mainframe/mainframe-sim" \
    --listen 127.0.0.1:3270 --seed 42 --customers 1000 --ready-file "${RUN_DIR}/mainframe-sim.ready"
  wait_for_ready_file mainframe-sim "${RUN_DIR}/mainframe-sim.ready"
  # The ERP's database: SQLite through the SQLite ODBC driver, loaded from the same world.
  # tools/odbc-env.sh renders the driver list into .run/odbc (nothing is written to /etc).
  # shellcheck source=tools/odbc-env.sh
  source "${ROOT}/tools/odbc-env.sh" "${RUN_DIR}/odbc"
  export OMNIHUB_ERP_CONNECTION="Driver=${OMNIHUB_ODBC_SQLITE_DRIVER};Database=${RUN_DIR}/erp.db"
  log "loading the ERP database (${RUN_DIR#"${ROOT}"/}/erp.db)"
  "${BUILD_DIR}/tools/simulators/erp/erp-load" --seed 42 --customers 1000 --replace \
    --connection "${OMNIHUB_ERP_CONNECTION}" >>"${LOG_DIR}/erp-load.log" 2>&1 ||
    { tail -n 20 "${LOG_DIR}/erp-load.log" >&2; die "erp-load failed"; }
  # The stores' tills: their POSLog exports, dropped as files for the poslog connector.
  export OMNIHUB_POS_DROP_DIR="${RUN_DIR}/pos-drop"
  rm -rf "${OMNIHUB_POS_DROP_DIR}"
  "${BUILD_DIR}/tools/simulators/pos/pos-sim" --seed 42 --customers 1000 \
    --drop-dir "${OMNIHUB_POS_DROP_DIR}" >>"${LOG_DIR}/pos-sim.log" 2>&1 ||
    { tail -n 20 "${LOG_DIR}/pos-sim.log" >&2; die "pos-sim failed"; }
  start_service hubd "${BUILD_DIR}/hub/hubd" --config "${CONFIG}"
}

# wait_for_ready_file NAME FILE: waits (at most 30 s) until service NAME has written FILE.
wait_for_ready_file() {
  local name="$1" file="$2" deadline=$((SECONDS + 30))
  while [[ ! -s "${file}" ]]; do
    if ((SECONDS >= deadline)) || [[ -z "$(running_pid "${name}")" ]]; then
      printf 'quickstart: error: %s did not start; the end of its log:\n' "${name}" >&2
      tail -n 20 "${LOG_DIR}/${name}.log" >&2 || true
      stop_all
      exit 1
    fi
    sleep 0.2
  done
}

# --- service management --------------------------------------------------------------------

pid_file() { printf '%s/%s.pid' "${RUN_DIR}" "$1"; }

# The pid of a running service NAME, or nothing (removing a stale pid file). A pid file holds
# the pid and the program's name.
running_pid() {
  local name="$1" file pid="" program=""
  file="$(pid_file "${name}")"
  [[ -f "${file}" ]] || return 0
  { read -r pid && read -r program; } <"${file}" || true
  local cmdline=""
  if [[ "${pid}" =~ ^[0-9]+$ ]]; then
    cmdline="$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null || true)"
  fi
  # A pid that is gone, or was reused by another program, is stale. (No pipe into grep -q here:
  # with pipefail its early exit can fail the pipeline.)
  if [[ -n "${program}" && "${cmdline}" == *"${program}"* ]] && kill -0 "${pid}" 2>/dev/null; then
    printf '%s' "${pid}"
  else
    log "removing the stale pid file of ${name} (pid ${pid:-?} is not running)" >&2
    rm -f "${file}"
  fi
}

# start_service NAME COMMAND [ARGS...]: runs COMMAND in the background, logging to .run/logs/NAME.log.
start_service() {
  local name="$1"
  shift
  mkdir -p "${LOG_DIR}"
  stop_service "${name}"
  local logfile="${LOG_DIR}/${name}.log"
  log "starting ${name}: $* (log: ${logfile#"${ROOT}"/})"
  nohup "$@" >>"${logfile}" 2>&1 </dev/null &
  printf '%s\n%s\n' "$!" "$(basename "$1")" >"$(pid_file "${name}")"
  grep -qx -- "${name}" "${ORDER_FILE}" 2>/dev/null || echo "${name}" >>"${ORDER_FILE}"
}

# stop_service NAME: TERM, then KILL after STOP_GRACE_S seconds.
stop_service() {
  local name="$1" pid
  pid="$(running_pid "${name}")"
  [[ -n "${pid}" ]] || return 0
  log "stopping ${name} (pid ${pid})"
  kill -TERM "${pid}" 2>/dev/null || true
  local waited=0
  while kill -0 "${pid}" 2>/dev/null && ((waited < STOP_GRACE_S * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "${pid}" 2>/dev/null; then
    log "${name} did not stop within ${STOP_GRACE_S}s; killing it"
    kill -KILL "${pid}" 2>/dev/null || true
  fi
  rm -f "$(pid_file "${name}")"
}

# Stops every service quickstart started, last started first.
stop_all() {
  [[ -f "${ORDER_FILE}" ]] || { log "nothing to stop"; return 0; }
  local names=()
  mapfile -t names <"${ORDER_FILE}"
  local i
  for ((i = ${#names[@]} - 1; i >= 0; i--)); do
    [[ -n "${names[i]}" ]] && stop_service "${names[i]}"
  done
  rm -f "${ORDER_FILE}"
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
  log "  and publish one: ${BUILD_DIR#"${ROOT}"/}/adapters/events/omnihub-publish-change" \
    "--endpoint ${EVENTS_FRONTEND} --system erp --account C0100001 --type shipment-delayed" \
    "--subject W1000002 --section orders"
  log "stop it with: tools/quickstart.sh stop"
}

main "$@"
