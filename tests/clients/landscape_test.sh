#!/usr/bin/env bash
# landscape_test.sh HUBD HUBCTL MAINFRAME_SIM ECOMMERCE_SIM FORWARDER ERP_LOAD POS_SIM REPO_ROOT:
# the
# quickstart's
# landscape (config/hubd-simulators.xml) with the simulators and the event forwarder on free
# ports: Jane Doe's Customer 360 comes from the mainframe over TN3270E, from the web shop over
# REST/JSON, from the ERP's SQLite database over ODBC and from the stores' POSLog files, as well
# as from the in-process payment system; a note added in the web shop reaches
# `hubctl events watch` and the next Customer 360 without waiting for the cache to expire.
set -euo pipefail

HUBD="$1"
HUBCTL="$2"
MAINFRAME_SIM="$3"
ECOMMERCE_SIM="$4"
FORWARDER="$5"
ERP_LOAD="$6"
POS_SIM="$7"
ROOT="$8"

# shellcheck source=tests/clients/hub_fixture.sh
source "$(dirname "${BASH_SOURCE[0]}")/hub_fixture.sh"

SIM_PIDS=()
cleanup() {
  local status=$?
  local pid
  for pid in "${SIM_PIDS[@]}"; do kill "${pid}" 2>/dev/null || true; done
  (exit "${status}")
  stop_hub
}
trap cleanup EXIT

# start_sim NAME READY_KEY COMMAND...: starts a simulator on a free port, prints its HOST:PORT.
start_sim() {
  local name="$1" key="$2" ready="${FIXTURE_DIR}/$1.ready"
  shift 2
  "$@" --ready-file "${ready}" >"${FIXTURE_DIR}/${name}.log" 2>&1 &
  SIM_PIDS+=("$!")
  for _ in $(seq 1 300); do
    [[ -s "${ready}" ]] && break
    sleep 0.1
  done
  [[ -s "${ready}" ]] || { echo "FAIL: ${name} did not start" >&2; cat "${FIXTURE_DIR}/${name}.log" >&2; exit 1; }
  sed -n "s/^${key}=//p" "${ready}"
}

# The change-event bus, on free ports.
"${FORWARDER}" --frontend 'tcp://127.0.0.1:*' --backend 'tcp://127.0.0.1:*' \
  >"${FIXTURE_DIR}/forwarder.log" 2>&1 &
SIM_PIDS+=("$!")
for _ in $(seq 1 50); do
  grep -q 'hubs <- ' "${FIXTURE_DIR}/forwarder.log" 2>/dev/null && break
  sleep 0.1
done
EVENTS_FRONTEND="$(sed -n 's/.*publishers -> \([^,]*\),.*/\1/p' "${FIXTURE_DIR}/forwarder.log")"
EVENTS_BACKEND="$(sed -n 's/.*hubs <- \(.*\)$/\1/p' "${FIXTURE_DIR}/forwarder.log")"
[[ -n "${EVENTS_FRONTEND}" && -n "${EVENTS_BACKEND}" ]] ||
  { echo "FAIL: the forwarder did not start"; cat "${FIXTURE_DIR}/forwarder.log"; exit 1; }

# The ERP's database, as the quickstart loads it.
# shellcheck source=tools/odbc-env.sh
source "${ROOT}/tools/odbc-env.sh" "${FIXTURE_DIR}/odbc" >/dev/null
export OMNIHUB_ERP_CONNECTION="Driver=${OMNIHUB_ODBC_SQLITE_DRIVER};Database=${FIXTURE_DIR}/erp.db"
"${ERP_LOAD}" --seed 42 --customers 1000 --connection "${OMNIHUB_ERP_CONNECTION}" \
  >"${FIXTURE_DIR}/erp-load.log" 2>&1 || { echo "FAIL: erp-load"; cat "${FIXTURE_DIR}/erp-load.log"; exit 1; }

# The stores' POSLog exports.
export OMNIHUB_POS_DROP_DIR="${FIXTURE_DIR}/pos-drop"
"${POS_SIM}" --seed 42 --customers 1000 --drop-dir "${OMNIHUB_POS_DROP_DIR}" \
  >"${FIXTURE_DIR}/pos-sim.log" 2>&1 || { echo "FAIL: pos-sim"; cat "${FIXTURE_DIR}/pos-sim.log"; exit 1; }

export OMNIHUB_ECOMMERCE_API_KEY="landscape-test-key"
export OMNIHUB_MAINFRAME_USER="CSR0001" OMNIHUB_MAINFRAME_PASSWORD="OMNIHUB"
MAINFRAME="$(start_sim mainframe-sim tn3270 "${MAINFRAME_SIM}" --listen 127.0.0.1:0 --seed 42 \
  --customers 1000)"
ECOMMERCE="$(start_sim ecommerce-sim ecommerce "${ECOMMERCE_SIM}" --listen 127.0.0.1:0 --seed 42 \
  --customers 1000 --api-key-env OMNIHUB_ECOMMERCE_API_KEY --publish-changes "${EVENTS_FRONTEND}")"
echo "mainframe-sim at ${MAINFRAME}, ecommerce-sim at ${ECOMMERCE}"

# The quickstart's configuration, pointed at these ports (mapping paths made absolute, since the
# copy lives elsewhere).
sed -e "s|\.\./mappings/|${ROOT}/mappings/|g" \
  -e "s|<setting key=\"port\" value=\"3270\"/>|<setting key=\"port\" value=\"${MAINFRAME##*:}\"/>|" \
  -e "s|http://127.0.0.1:8081|http://${ECOMMERCE}|" \
  -e "s|<subscribe endpoint=\"[^\"]*\"/>|<subscribe endpoint=\"${EVENTS_BACKEND}\"/>|" \
  "${ROOT}/config/hubd-simulators.xml" >"${FIXTURE_DIR}/hubd.xml"
grep -q "value=\"${MAINFRAME##*:}\"" "${FIXTURE_DIR}/hubd.xml" ||
  { echo "FAIL: no mainframe port to replace"; exit 1; }
grep -q "http://${ECOMMERCE}" "${FIXTURE_DIR}/hubd.xml" ||
  { echo "FAIL: no ecommerce endpoint to replace"; exit 1; }
start_hub "${HUBD}" "${ROOT}" "${FIXTURE_DIR}/hubd.xml"

expect_exit 0 "customer 360 --email jane.doe@example.com" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email jane.doe@example.com
echo "${OUT}"
for system in mainframe erp ecommerce payment pos; do
  expect_match "${system} answered" "${OUT}" "^[[:space:]]+${system}[[:space:]]+ok"
done
expect_match "the mainframe account (over TN3270E)" "${OUT}" "mainframe[[:space:]:]+00104217"
expect_match "the web account (over REST/JSON)" "${OUT}" "ecommerce[[:space:]:]+6108000123"
expect_match "the ERP account (over ODBC)" "${OUT}" "erp[[:space:]:]+C0100001"
expect_match "an ERP order with its delayed shipment" "${OUT}" "W1000002 .*delayed"
expect_match "an in-store return from the POSLog files" "${OUT}" "S042-R03-2026-09-27-5004 .*store .*-£30.00"

expect_exit 0 "contacts list shows the mainframe's call-centre notes" \
  "${HUBCTL}" --hub "${HUB}" --json contacts list --email jane.doe@example.com --page-size 50
expect_match "a note from the mainframe" "${OUT}" '"sourceSystem": "mainframe"'
# A note added in the web shop: the shop publishes NOTE_ADDED, the hub drops Jane's cached
# contacts from the web shop and streams the event. (The first 360 above filled the cache.)
timeout 30 "${HUBCTL}" --hub "${HUB}" events watch --email jane.doe@example.com \
  --type note-added --count 1 >"${FIXTURE_DIR}/watch.out" 2>&1 &
WATCH_PID=$!
NOTE="Landscape test note $$"
for attempt in $(seq 1 20); do
  # PUB/SUB joins asynchronously: add notes until the watch has seen one.
  curl -sf -X POST -H "X-Api-Key: ${OMNIHUB_ECOMMERCE_API_KEY}" \
    -H "Content-Type: application/json" \
    -d "{\"note\": {\"body\": \"${NOTE} ${attempt}\", \"author\": \"support:test\"}}" \
    "http://${ECOMMERCE}/admin/customers/6108000123/notes.json" >/dev/null
  kill -0 "${WATCH_PID}" 2>/dev/null || break
  sleep 0.5
done
WATCH_STATUS=0
wait "${WATCH_PID}" || WATCH_STATUS=$?
WATCHED="$(cat "${FIXTURE_DIR}/watch.out")"
echo "${WATCHED}"
expect_match "events watch printed the note (exit ${WATCH_STATUS})" "${WATCHED}" \
  "note added +C-[0-9a-f]+ +ecommerce .*${NOTE}"

expect_exit 0 "the next customer 360" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email jane.doe@example.com
expect_match "the new note is in the contacts at once" "${OUT}" "${NOTE}"
finish
