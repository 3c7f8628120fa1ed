#!/usr/bin/env bash
# landscape_test.sh HUBD HUBCTL MAINFRAME_SIM ECOMMERCE_SIM REPO_ROOT: the quickstart's landscape
# (config/hubd-simulators.xml) with the simulators on free ports: Jane Doe's Customer 360 comes
# from the mainframe over TN3270E and from the web shop over REST/JSON, as well as from the
# in-process systems.
set -euo pipefail

HUBD="$1"
HUBCTL="$2"
MAINFRAME_SIM="$3"
ECOMMERCE_SIM="$4"
ROOT="$5"

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

export OMNIHUB_ECOMMERCE_API_KEY="landscape-test-key"
export OMNIHUB_MAINFRAME_USER="CSR0001" OMNIHUB_MAINFRAME_PASSWORD="OMNIHUB"
MAINFRAME="$(start_sim mainframe-sim tn3270 "${MAINFRAME_SIM}" --listen 127.0.0.1:0 --seed 42 \
  --customers 1000)"
ECOMMERCE="$(start_sim ecommerce-sim ecommerce "${ECOMMERCE_SIM}" --listen 127.0.0.1:0 --seed 42 \
  --customers 1000 --api-key-env OMNIHUB_ECOMMERCE_API_KEY)"
echo "mainframe-sim at ${MAINFRAME}, ecommerce-sim at ${ECOMMERCE}"

# The quickstart's configuration, pointed at these ports (mapping paths made absolute, since the
# copy lives elsewhere).
sed -e "s|\.\./mappings/|${ROOT}/mappings/|g" \
  -e "s|<setting key=\"port\" value=\"3270\"/>|<setting key=\"port\" value=\"${MAINFRAME##*:}\"/>|" \
  -e "s|http://127.0.0.1:8081|http://${ECOMMERCE}|" \
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

expect_exit 0 "contacts list shows the mainframe's call-centre notes" \
  "${HUBCTL}" --hub "${HUB}" --json contacts list --email jane.doe@example.com --page-size 50
expect_match "a note from the mainframe" "${OUT}" '"sourceSystem": "mainframe"'
finish
