#!/usr/bin/env bash
# simulators.sh: the simulated retail landscape, every backend serving the same generated
# population (seed 42, 1,000 customers), on its default loopback port.
#
#   tools/simulators.sh start [NAME...]   start all (or the named) simulators
#   tools/simulators.sh stop [NAME...]    stop all (or the named)
#   tools/simulators.sh status            which run, where
#   tools/simulators.sh env               the environment a hub needs to reach them (sourceable)
#
# NAMES: events (the change-event forwarder, 5570 -> 5571), mainframe (TN3270E, 3270),
# ecommerce (REST/JSON, 8081), payment (payment gateway and fraud engine, XML over HTTP, 8082), erp (SQLite database over ODBC, loaded once), pos (POSLog files
# in a drop directory, then live POSLog over ZeroMQ, 5556).
#
# Environment: OMNIHUB_BUILD_DIR (the binaries; default build-release/, as tools/quickstart.sh
# builds them), OMNIHUB_RUN_DIR (pid files, logs, data; default .run/), OMNIHUB_SIM_PORTS=free
# (ephemeral ports instead of the defaults, for tests; `env` then says which), OMNIHUB_SIM_SEED,
# OMNIHUB_SIM_CUSTOMERS. Nothing is built here: build first (tools/quickstart.sh does).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${OMNIHUB_BUILD_DIR:-${ROOT}/build-release}"
RUN_DIR="${OMNIHUB_RUN_DIR:-${ROOT}/.run}"
LOG_DIR="${RUN_DIR}/logs"
ENV_DIR="${RUN_DIR}/env"
SEED="${OMNIHUB_SIM_SEED:-42}"
CUSTOMERS="${OMNIHUB_SIM_CUSTOMERS:-1000}"
PORTS="${OMNIHUB_SIM_PORTS:-default}"
ALL=(events mainframe ecommerce payment erp pos)
SERVICES_LOG_PREFIX="simulators"

# shellcheck source=tools/lib/services.sh
source "${ROOT}/tools/lib/services.sh"

log() { printf 'simulators: %s\n' "$*"; }
die() { printf 'simulators: error: %s\n' "$*" >&2; exit 1; }

# listen DEFAULT_PORT: where a simulator listens.
listen() {
  if [[ "${PORTS}" == free ]]; then echo "127.0.0.1:0"; else echo "127.0.0.1:$1"; fi
}

binary() {
  local path="${BUILD_DIR}/$1"
  [[ -x "${path}" ]] || die "${path} is not built (build first: tools/quickstart.sh builds it)"
  printf '%s' "${path}"
}

# write_env NAME KEY=VALUE...: what a hub needs to reach simulator NAME.
write_env() {
  local name="$1" pair
  shift
  mkdir -p "${ENV_DIR}"
  : >"${ENV_DIR}/${name}.env.tmp"
  for pair in "$@"; do
    printf 'export %s=%q\n' "${pair%%=*}" "${pair#*=}" >>"${ENV_DIR}/${name}.env.tmp"
  done
  mv "${ENV_DIR}/${name}.env.tmp" "${ENV_DIR}/${name}.env"
}

# ready_value FILE KEY: a simulator's ready file holds KEY=HOST:PORT.
ready_value() { sed -n "s/^$2=//p" "$1"; }

# The change-event bus's publisher side, if the forwarder runs (else its default address).
events_frontend() {
  if [[ -f "${ENV_DIR}/events.env" ]]; then
    (source "${ENV_DIR}/events.env" && printf '%s' "${OMNIHUB_EVENTS_FRONTEND}")
  else
    printf 'tcp://127.0.0.1:5570'
  fi
}

start_events() {
  local frontend="tcp://127.0.0.1:5570" backend="tcp://127.0.0.1:5571"
  [[ "${PORTS}" == free ]] && frontend='tcp://127.0.0.1:*' backend='tcp://127.0.0.1:*'
  rm -f "${LOG_DIR}/events.log"
  start_service events "$(binary adapters/events/omnihub-event-forwarder)" \
    --frontend "${frontend}" --backend "${backend}"
  # The forwarder logs "publishers -> FRONTEND, hubs <- BACKEND" once both are bound.
  local line="" deadline=$((SECONDS + 10))
  until line="$(grep -m1 'hubs <- ' "${LOG_DIR}/events.log" 2>/dev/null)"; do
    ((SECONDS < deadline)) && [[ -n "$(running_pid events)" ]] ||
      { tail -n 20 "${LOG_DIR}/events.log" >&2 || true; die "the event forwarder did not start"; }
    sleep 0.1
  done
  frontend="$(sed -n 's/.*publishers -> \([^,]*\),.*/\1/p' <<<"${line}")"
  backend="$(sed -n 's/.*hubs <- \(.*\)$/\1/p' <<<"${line}")"
  write_env events "OMNIHUB_EVENTS_FRONTEND=${frontend}" "OMNIHUB_EVENTS_BACKEND=${backend}"
  log "events: backends publish to ${frontend}, hubs subscribe to ${backend}"
}

start_mainframe() {
  local ready="${RUN_DIR}/mainframe.ready"
  rm -f "${ready}"
  start_service mainframe "$(binary tools/simulators/mainframe/mainframe-sim)" \
    --listen "$(listen 3270)" --seed "${SEED}" --customers "${CUSTOMERS}" --ready-file "${ready}"
  wait_for_ready_file mainframe "${ready}" || die "mainframe-sim did not start"
  local address
  address="$(ready_value "${ready}" tn3270)"
  # Any user signs on; the password is OMNIHUB (a 3270 emulator can sign on too).
  write_env mainframe "OMNIHUB_MAINFRAME_ADDRESS=${address}" \
    "OMNIHUB_MAINFRAME_USER=${OMNIHUB_MAINFRAME_USER:-CSR0001}" \
    "OMNIHUB_MAINFRAME_PASSWORD=${OMNIHUB_MAINFRAME_PASSWORD:-OMNIHUB}"
  log "mainframe: TN3270E at ${address}"
}

start_ecommerce() {
  local ready="${RUN_DIR}/ecommerce.ready"
  rm -f "${ready}"
  # The shop asks for the API key the http-json connector sends (ecommerce.xml's credential).
  export OMNIHUB_ECOMMERCE_API_KEY="${OMNIHUB_ECOMMERCE_API_KEY:-quickstart-demo-key}"
  start_service ecommerce "$(binary tools/simulators/ecommerce/ecommerce-sim)" \
    --listen "$(listen 8081)" --seed "${SEED}" --customers "${CUSTOMERS}" \
    --api-key-env OMNIHUB_ECOMMERCE_API_KEY --ready-file "${ready}" \
    --publish-changes "$(events_frontend)"
  wait_for_ready_file ecommerce "${ready}" || die "ecommerce-sim did not start"
  local address
  address="$(ready_value "${ready}" ecommerce)"
  write_env ecommerce "OMNIHUB_ECOMMERCE_URL=http://${address}" \
    "OMNIHUB_ECOMMERCE_API_KEY=${OMNIHUB_ECOMMERCE_API_KEY}"
  log "ecommerce: REST/JSON at http://${address}"
}

start_payment() {
  local ready="${RUN_DIR}/payment.ready"
  rm -f "${ready}"
  # The gateway asks for the merchant key the http-xml connector sends (payment.xml's credential).
  export OMNIHUB_PAYMENT_API_KEY="${OMNIHUB_PAYMENT_API_KEY:-quickstart-demo-key}"
  start_service payment "$(binary tools/simulators/payment/payment-sim)" \
    --listen "$(listen 8082)" --seed "${SEED}" --customers "${CUSTOMERS}" \
    --api-key-env OMNIHUB_PAYMENT_API_KEY --ready-file "${ready}" \
    --publish-changes "$(events_frontend)"
  wait_for_ready_file payment "${ready}" || die "payment-sim did not start"
  local address
  address="$(ready_value "${ready}" payment)"
  write_env payment "OMNIHUB_PAYMENT_URL=http://${address}" \
    "OMNIHUB_PAYMENT_API_KEY=${OMNIHUB_PAYMENT_API_KEY}"
  log "payment: XML over HTTP at http://${address}"
}

# The ERP is a database, not a process: SQLite through the SQLite ODBC driver, loaded from the
# same world. tools/odbc-env.sh renders the driver list into RUN_DIR/odbc (nothing goes to /etc).
start_erp() {
  # shellcheck source=tools/odbc-env.sh
  source "${ROOT}/tools/odbc-env.sh" "${RUN_DIR}/odbc" >/dev/null
  local connection="Driver=${OMNIHUB_ODBC_SQLITE_DRIVER};Database=${RUN_DIR}/erp.db"
  mkdir -p "${LOG_DIR}"
  "$(binary tools/simulators/erp/erp-load)" --seed "${SEED}" --customers "${CUSTOMERS}" --replace \
    --connection "${connection}" >>"${LOG_DIR}/erp.log" 2>&1 ||
    { tail -n 20 "${LOG_DIR}/erp.log" >&2; die "erp-load failed"; }
  write_env erp "ODBCSYSINI=${ODBCSYSINI}" "ODBCINI=${ODBCINI}" \
    "OMNIHUB_ERP_CONNECTION=${connection}"
  log "erp: SQLite database ${RUN_DIR}/erp.db"
}

# The stores' tills: the world's till history as end-of-day POSLog exports dropped as files,
# then live sales published over ZeroMQ (each new transaction also lands in the day's file when
# pos-sim stops).
start_pos() {
  local drop="${RUN_DIR}/pos-drop" ready="${RUN_DIR}/pos.ready"
  rm -rf "${drop}" "${ready}"
  start_service pos "$(binary tools/simulators/pos/pos-sim)" --seed "${SEED}" \
    --customers "${CUSTOMERS}" --drop-dir "${drop}" --publish "tcp://$(listen 5556)" --rate 2 \
    --ready-file "${ready}"
  wait_for_ready_file pos "${ready}" || die "pos-sim did not start"
  local feed
  feed="$(ready_value "${ready}" pos)"
  write_env pos "OMNIHUB_POS_DROP_DIR=${drop}" "OMNIHUB_POS_FEED=${feed}"
  log "pos: POSLog files in ${drop}, live POSLog on ${feed}"
}

stop_one() {
  case "$1" in
    events | mainframe | ecommerce | payment | pos) stop_service "$1" ;;
    erp) ;;  # a database, not a process: nothing runs
  esac
  rm -f "${ENV_DIR}/$1.env"
}

status() {
  local name pid
  for name in "${ALL[@]}"; do
    pid=""
    case "${name}" in
      events | mainframe | ecommerce | payment | pos) pid="$(running_pid "${name}")" ;;
    esac
    if [[ -f "${ENV_DIR}/${name}.env" ]]; then
      local state="ready"
      [[ -n "${pid}" ]] && state="running (pid ${pid})"
      printf '%-10s %s %s\n' "${name}" "${state}" \
        "$(sed -n 's/^export \([A-Z_]*\(ADDRESS\|URL\|FRONTEND\|CONNECTION\|DIR\|FEED\)\)=/\1=/p' \
          "${ENV_DIR}/${name}.env" | tr '\n' ' ')"
    else
      printf '%-10s %s\n' "${name}" "stopped"
    fi
  done
}

check_names() {
  local name known
  for name in "$@"; do
    known=0
    for k in "${ALL[@]}"; do [[ "${k}" == "${name}" ]] && known=1; done
    ((known)) || die "unknown simulator '${name}' (known: ${ALL[*]})"
  done
}

main() {
  local command="${1:-}"
  shift || true
  local names=("$@")
  ((${#names[@]})) || names=("${ALL[@]}")
  case "${command}" in
    start)
      check_names "${names[@]}"
      local name
      for name in "${names[@]}"; do "start_${name}"; done
      ;;
    stop)
      check_names "${names[@]}"
      local i
      for ((i = ${#names[@]} - 1; i >= 0; i--)); do stop_one "${names[i]}"; done
      ;;
    status) status ;;
    env) cat "${ENV_DIR}"/*.env 2>/dev/null || true ;;
    -h | --help | "") sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown command '${command}' (use: start, stop, status, env)" ;;
  esac
}

main "$@"
