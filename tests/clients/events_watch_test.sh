#!/usr/bin/env bash
# events_watch_test.sh HUBD HUBCTL PUBLISH REPO_ROOT: a backend publishes a change on the ZeroMQ
# bus, a real hubd subscribed to it attributes it to the demo customer, and `hubctl events watch`
# prints it.
set -euo pipefail

HUBD="$1"
HUBCTL="$2"
PUBLISH="$3"
ROOT="$4"

# shellcheck source=tests/clients/hub_fixture.sh
source "$(dirname "${BASH_SOURCE[0]}")/hub_fixture.sh"

PUBLISHER_PID=""
cleanup() {
  local status=$?
  [[ -n "${PUBLISHER_PID}" ]] && kill "${PUBLISHER_PID}" 2>/dev/null || true
  (exit "${status}")
  stop_hub
}
trap cleanup EXIT

# The backend: binds a free port and repeats the change (PUB/SUB drops what is sent before the
# hub has joined), for at most a minute.
"${PUBLISH}" --bind --endpoint 'tcp://127.0.0.1:*' --system erp --account C0100001 \
  --type shipment-delayed --subject W1000002 --detail "carrier reports a delay" \
  --section orders --count 600 --every-ms 100 >"${FIXTURE_DIR}/publisher.out" 2>&1 &
PUBLISHER_PID=$!
for _ in $(seq 1 50); do
  grep -q '^endpoint=' "${FIXTURE_DIR}/publisher.out" 2>/dev/null && break
  sleep 0.1
done
ENDPOINT="$(sed -n 's/^endpoint=//p' "${FIXTURE_DIR}/publisher.out")"
[[ -n "${ENDPOINT}" ]] || { echo "FAIL: the publisher printed no endpoint"; exit 1; }

# The default configuration, subscribed to that publisher instead of the quickstart forwarder.
# (The landscape file's path made absolute, since the copy lives elsewhere.)
sed -e "s|<subscribe endpoint=\"[^\"]*\"/>|<subscribe endpoint=\"${ENDPOINT}\"/>|" \
  -e "s|\"\.\./mappings/|\"${ROOT}/mappings/|g" \
  "${ROOT}/config/hubd.xml" >"${FIXTURE_DIR}/hubd.xml"
grep -q "${ENDPOINT}" "${FIXTURE_DIR}/hubd.xml" || { echo "FAIL: no <subscribe> to replace"; exit 1; }
start_hub "${HUBD}" "${ROOT}" "${FIXTURE_DIR}/hubd.xml"

expect_exit 0 "events watch --email jane.doe@example.com --count 1" \
  timeout 30 "${HUBCTL}" --hub "${HUB}" events watch --email jane.doe@example.com \
  --type shipment-delayed --count 1
echo "${OUT}"
expect_match "the event is attributed to Jane and names the order" "${OUT}" \
  "shipment delayed +C-[0-9a-f]+ +erp +W1000002 +carrier reports a delay"

expect_exit 2 "an unknown event type is a usage error" \
  "${HUBCTL}" --hub "${HUB}" events watch --type parcel-lost
expect_exit 4 "watching an unknown customer is not found" \
  "${HUBCTL}" --hub "${HUB}" events watch --email nobody@example.invalid --count 1

expect_exit 0 "the status page counts the routed changes" \
  curl -sf "http://${ADMIN}/status"
expect_match "changes were routed" "${OUT}" '"changes_routed": [1-9]'
finish
