# services.sh: background services with pid files, sourced by tools/quickstart.sh and
# tools/simulators.sh. The caller sets RUN_DIR (pid files, the start order) and LOG_DIR (one log
# per service) before calling anything here.
#
#   start_service NAME COMMAND [ARGS...]   runs COMMAND in the background (restarting NAME if it
#                                          runs), logging to LOG_DIR/NAME.log
#   stop_service NAME                      TERM, then KILL after SERVICE_STOP_GRACE_S seconds
#   stop_services                          stops every started service, last started first
#   running_pid NAME                       prints NAME's pid if it runs (a stale pid file goes)
#   wait_for_ready_file NAME FILE          waits (at most 30 s) until NAME has written FILE
# shellcheck shell=bash

SERVICE_STOP_GRACE_S="${SERVICE_STOP_GRACE_S:-10}"

services_log() { printf '%s: %s\n' "${SERVICES_LOG_PREFIX:-services}" "$*"; }

services_order_file() { printf '%s/started' "${RUN_DIR}"; }

pid_file() { printf '%s/%s.pid' "${RUN_DIR}" "$1"; }

# A pid file holds the pid and the program's name: a pid that is gone, or was reused by another
# program, is stale.
running_pid() {
  local name="$1" file pid="" program=""
  file="$(pid_file "${name}")"
  [[ -f "${file}" ]] || return 0
  { read -r pid && read -r program; } <"${file}" || true
  local cmdline=""
  if [[ "${pid}" =~ ^[0-9]+$ ]]; then
    cmdline="$({ tr '\0' ' ' <"/proc/${pid}/cmdline"; } 2>/dev/null || true)"
  fi
  # (No pipe into grep -q here: with pipefail its early exit can fail the pipeline.)
  if [[ -n "${program}" && "${cmdline}" == *"${program}"* ]] && kill -0 "${pid}" 2>/dev/null; then
    printf '%s' "${pid}"
  else
    services_log "removing the stale pid file of ${name} (pid ${pid:-?} is not running)" >&2
    rm -f "${file}"
  fi
}

start_service() {
  local name="$1"
  shift
  if [[ -z "${1:-}" ]] || ! command -v "$1" >/dev/null; then
    services_log "cannot start ${name}: '${1:-}' is not an executable" >&2
    return 1
  fi
  mkdir -p "${RUN_DIR}" "${LOG_DIR}"
  stop_service "${name}"
  local logfile="${LOG_DIR}/${name}.log"
  services_log "starting ${name}: $* (log: ${logfile})"
  nohup "$@" >>"${logfile}" 2>&1 </dev/null &
  local pid=$! program tries=0
  program="$(basename "$1")"
  # The background job is a forked shell until it execs the program: wait (up to 5 s) for the
  # exec, or running_pid would take the still-forking job for a stale one.
  while kill -0 "${pid}" 2>/dev/null && ((tries < 50)) &&
    [[ "$({ tr '\0' ' ' <"/proc/${pid}/cmdline"; } 2>/dev/null || true)" != *"${program}"* ]]; do
    sleep 0.1
    tries=$((tries + 1))
  done
  printf '%s\n%s\n' "${pid}" "${program}" >"$(pid_file "${name}")"
  local order
  order="$(services_order_file)"
  grep -qx -- "${name}" "${order}" 2>/dev/null || echo "${name}" >>"${order}"
}

stop_service() {
  local name="$1" pid
  pid="$(running_pid "${name}")"
  [[ -n "${pid}" ]] || return 0
  services_log "stopping ${name} (pid ${pid})"
  kill -TERM "${pid}" 2>/dev/null || true
  local waited=0
  while kill -0 "${pid}" 2>/dev/null && ((waited < SERVICE_STOP_GRACE_S * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "${pid}" 2>/dev/null; then
    services_log "${name} did not stop within ${SERVICE_STOP_GRACE_S}s; killing it"
    kill -KILL "${pid}" 2>/dev/null || true
  fi
  rm -f "$(pid_file "${name}")"
  local order
  order="$(services_order_file)"
  if [[ -f "${order}" ]]; then
    grep -vx -- "${name}" "${order}" >"${order}.tmp" || true
    mv "${order}.tmp" "${order}"
  fi
}

stop_services() {
  local order names=() i
  order="$(services_order_file)"
  [[ -f "${order}" ]] || { services_log "nothing to stop"; return 0; }
  mapfile -t names <"${order}"
  for ((i = ${#names[@]} - 1; i >= 0; i--)); do
    [[ -n "${names[i]}" ]] && stop_service "${names[i]}"
  done
  rm -f "${order}"
}

# Returns non-zero (after printing the end of NAME's log) when NAME exits or 30 s pass first.
wait_for_ready_file() {
  local name="$1" file="$2" deadline=$((SECONDS + 30))
  while [[ ! -s "${file}" ]]; do
    if ((SECONDS >= deadline)) || [[ -z "$(running_pid "${name}")" ]]; then
      printf '%s: error: %s did not start; the end of its log:\n' \
        "${SERVICES_LOG_PREFIX:-services}" "${name}" >&2
      tail -n 20 "${LOG_DIR}/${name}.log" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}
