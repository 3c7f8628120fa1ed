#!/usr/bin/env bash
# pos_live_test.sh HUBD HUBCTL POS_SIM FORWARDER REPO_ROOT: the stores' tills live. pos-sim drops
# the world's POSLog history and then sells live to Jane Doe's loyalty card over ZeroMQ; hubd runs
# config/hubd.xml with its pos system switched to the poslog connector (the history files, the
# live feed, change events to the forwarder). A live transaction reaches `hubctl events watch` as
# a POS transaction for Jane, and the next Customer 360 shows it at once, although the pos
# section's time-to-live (10 minutes here) has not run out.
set -euo pipefail

HUBD="$1"
HUBCTL="$2"
POS_SIM="$3"
FORWARDER="$4"
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

# The tills: the history as files, then live sales and returns to Jane's card, 2 a second.
DROP="${FIXTURE_DIR}/pos-drop"
JANE_CARD="6335000000000003"
"${POS_SIM}" --seed 42 --customers 1000 --drop-dir "${DROP}" --publish tcp://127.0.0.1:0 \
  --rate 2 --live-card "${JANE_CARD}" --ready-file "${FIXTURE_DIR}/pos.ready" \
  >"${FIXTURE_DIR}/pos-sim.log" 2>&1 &
SIM_PIDS+=("$!")
for _ in $(seq 1 300); do
  [[ -s "${FIXTURE_DIR}/pos.ready" ]] && break
  sleep 0.1
done
POS_FEED="$(sed -n 's/^pos=//p' "${FIXTURE_DIR}/pos.ready" 2>/dev/null || true)"
[[ -n "${POS_FEED}" ]] || { echo "FAIL: pos-sim did not start"; cat "${FIXTURE_DIR}/pos-sim.log"; exit 1; }
echo "pos-sim publishing on ${POS_FEED}; events: ${EVENTS_FRONTEND} -> ${EVENTS_BACKEND}"

# config/hubd.xml with the pos system on the poslog connector, and the hub on this bus.
awk -v drop="${DROP}" -v feed="${POS_FEED}" -v changes="${EVENTS_FRONTEND}" '
  /<adapter name="pos"/ {
    print "    <adapter name=\"pos\" type=\"poslog\" cache-ttl-ms=\"600000\">"
    print "      <setting key=\"drop_dir\" value=\"" drop "\"/>"
    print "      <setting key=\"feed\" value=\"" feed "\"/>"
    print "      <setting key=\"publish_changes\" value=\"" changes "\"/>"
    print "      <setting key=\"poll_ms\" value=\"200\"/>"
    print "    </adapter>"
    skipping = 1
    next
  }
  skipping && /<\/adapter>/ { skipping = 0; next }
  skipping { next }
  { print }
' "${ROOT}/config/hubd.xml" |
  sed -e "s|<subscribe endpoint=\"[^\"]*\"/>|<subscribe endpoint=\"${EVENTS_BACKEND}\"/>|" \
    -e "s|\"\.\./mappings/|\"${ROOT}/mappings/|g" >"${FIXTURE_DIR}/hubd.xml"
grep -q 'type="poslog"' "${FIXTURE_DIR}/hubd.xml" || { echo "FAIL: no pos adapter to replace"; exit 1; }
start_hub "${HUBD}" "${ROOT}" "${FIXTURE_DIR}/hubd.xml"

# The first 360 fills the cache (the history's in-store return is there).
expect_exit 0 "customer 360 --email jane.doe@example.com" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email jane.doe@example.com
expect_match "pos answered" "${OUT}" "^[[:space:]]+pos[[:space:]]+ok"
expect_match "an in-store return from the POSLog files" "${OUT}" "S042-R03-2026-09-27-5004 .*store"

# A live transaction: pos-sim -> poslog connector (feed) -> POS_TRANSACTION change -> forwarder ->
# hub -> WatchEvents, attributed to Jane through her card.
expect_exit 0 "events watch sees a live POS transaction for Jane" \
  timeout 30 "${HUBCTL}" --hub "${HUB}" events watch --email jane.doe@example.com \
  --type pos-transaction --count 1
echo "${OUT}"
expect_match "the event names Jane, pos and a receipt of today" "${OUT}" \
  "pos transaction +C-[0-9a-f]+ +pos +S[0-9]{3}-R[0-9]{2}-$(date -u +%F)-[0-9]+ +(Sale|Return) at store"
RECEIPT="$(grep -oE "S[0-9]{3}-R[0-9]{2}-$(date -u +%F)-[0-9]+" <<<"${OUT}" | head -n 1)"

# The next 360 has it at once: the change dropped Jane's cached pos sections.
expect_exit 0 "the next customer 360" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email jane.doe@example.com
expect_match "the live receipt ${RECEIPT} is in Jane's orders" "${OUT}" "${RECEIPT:-no receipt}"

# What the connector has taken in, on the admin port and in hubctl status.
expect_exit 0 "status" "${HUBCTL}" --hub "${HUB}" status --admin "${ADMIN}"
echo "${OUT}"
for counter in "transactions_indexed [1-9]" "files_processed [1-9]" "files_quarantined 0," \
  "live_messages [1-9]" "live_rejected 0,"; do
  expect_match "status shows the pos connector's ${counter%% *}" "${OUT}" \
    "^  pos \(poslog\):.* ${counter}"
done
finish
