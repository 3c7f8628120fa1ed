#!/usr/bin/env bash
# landscape_test.sh BUILD_DIR REPO_ROOT: the quickstart's landscape (config/hubd-simulators.xml)
# with every simulator started by tools/simulators.sh, as the quickstart starts them, but on free
# ports: Jane Doe's Customer 360 comes from the mainframe over TN3270E, from the web shop over
# REST/JSON, from the payment gateway over XML/HTTP, from the ERP's SQLite database over ODBC and
# from the stores' POSLog files and live feed; a note added in the web shop reaches
# `hubctl events watch` and the next Customer 360 without waiting for the cache to expire; a
# simulator stopped leaves the rest of her view intact with that source marked unavailable.
set -euo pipefail

BUILD_DIR="$1"
ROOT="$2"
HUBD="${BUILD_DIR}/hub/hubd"
HUBCTL="${BUILD_DIR}/tools/hubctl/hubctl"

# shellcheck source=tests/clients/hub_fixture.sh
source "$(dirname "${BASH_SOURCE[0]}")/hub_fixture.sh"

export OMNIHUB_BUILD_DIR="${BUILD_DIR}" OMNIHUB_RUN_DIR="${FIXTURE_DIR}/run" OMNIHUB_SIM_PORTS=free
export OMNIHUB_ECOMMERCE_API_KEY="landscape-test-key"
cleanup() {
  local status=$?
  "${ROOT}/tools/simulators.sh" stop >/dev/null 2>&1 || true
  (exit "${status}")
  stop_hub
}
trap cleanup EXIT

"${ROOT}/tools/simulators.sh" start ||
  { echo "FAIL: tools/simulators.sh start"; tail -n 20 "${OMNIHUB_RUN_DIR}"/logs/*.log; exit 1; }
"${ROOT}/tools/simulators.sh" status
# shellcheck disable=SC1090
source <("${ROOT}/tools/simulators.sh" env)
MAINFRAME="${OMNIHUB_MAINFRAME_ADDRESS}"
ECOMMERCE="${OMNIHUB_ECOMMERCE_URL#http://}"
EVENTS_BACKEND="${OMNIHUB_EVENTS_BACKEND}"
echo "mainframe-sim at ${MAINFRAME}, ecommerce-sim at ${ECOMMERCE}"

# The quickstart's configuration, pointed at these ports (mapping paths made absolute, since the
# copy lives elsewhere).
sed -e "s|\.\./mappings/|${ROOT}/mappings/|g" \
  -e "s|<setting key=\"port\" value=\"3270\"/>|<setting key=\"port\" value=\"${MAINFRAME##*:}\"/>|" \
  -e "s|http://127.0.0.1:8081|http://${ECOMMERCE}|" \
  -e "s|http://127.0.0.1:8082|${OMNIHUB_PAYMENT_URL}|" \
  -e "s|<subscribe endpoint=\"[^\"]*\"/>|<subscribe endpoint=\"${EVENTS_BACKEND}\"/>|" \
  "${ROOT}/config/hubd-simulators.xml" >"${FIXTURE_DIR}/hubd.xml"
grep -q "value=\"${MAINFRAME##*:}\"" "${FIXTURE_DIR}/hubd.xml" ||
  { echo "FAIL: no mainframe port to replace"; exit 1; }
grep -q "http://${ECOMMERCE}" "${FIXTURE_DIR}/hubd.xml" ||
  { echo "FAIL: no ecommerce endpoint to replace"; exit 1; }
grep -q "${OMNIHUB_PAYMENT_URL}" "${FIXTURE_DIR}/hubd.xml" ||
  { echo "FAIL: no payment endpoint to replace"; exit 1; }
expect_exit 0 "every mapping file the landscape uses compiles (hubctl mappings check)" \
  "${HUBCTL}" mappings check "${ROOT}/mappings"
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
expect_match "a payment with its fraud decision (over XML/HTTP)" "${OUT}" "W1000002 .*captured .*review +[0-9-]+ +payment"
expect_match "an ERP order with its delayed shipment" "${OUT}" "W1000002 .*delayed"
expect_match "an in-store return from the POSLog files" "${OUT}" "S042-R03-2026-09-27-5004 .*store .*-£30.00"
expect_exit 0 "events watch sees a live POS transaction (pos-sim over ZeroMQ, announced by the connector)" \
  timeout 30 "${HUBCTL}" --hub "${HUB}" events watch --type pos-transaction --count 1
expect_match "a live POS transaction of today, attributed" "${OUT}" \
  "pos transaction +C-[0-9a-f]+ +pos +S[0-9]{3}-R[0-9]{2}-$(date -u +%F)-[0-9]+"

expect_exit 0 "customer 360 as JSON" \
  "${HUBCTL}" --hub "${HUB}" --json customer 360 --email jane.doe@example.com
expect_match "an ERP invoice of her orders (SQLite over ODBC)" "${OUT}" '"invoiceNumber": "INV10000002"'

expect_exit 0 "contacts list shows the mainframe's call-centre notes" \
  "${HUBCTL}" --hub "${HUB}" --json contacts list --email jane.doe@example.com --page-size 50
expect_match "a note from the mainframe" "${OUT}" '"sourceSystem": "mainframe"'
# watch_while_repeating TYPE COMMAND...: watches Jane's events of TYPE (one) while running
# COMMAND ATTEMPT every 0.5 s, up to 20 times: PUB/SUB joins asynchronously, so a change made
# before the subscription reached the publisher is lost. Sets WATCHED and WATCH_STATUS.
watch_while_repeating() {
  local type="$1" out="${FIXTURE_DIR}/watch-$1.out" pid attempt
  shift
  timeout 30 "${HUBCTL}" --hub "${HUB}" events watch --email jane.doe@example.com \
    --type "${type}" --count 1 >"${out}" 2>&1 &
  pid=$!
  for attempt in $(seq 1 20); do
    "$@" "${attempt}"
    kill -0 "${pid}" 2>/dev/null || break
    sleep 0.5
  done
  WATCH_STATUS=0
  wait "${pid}" || WATCH_STATUS=$?
  WATCHED="$(cat "${out}")"
  echo "${WATCHED}"
}

# A note added in the web shop: the shop publishes NOTE_ADDED, the hub drops Jane's cached
# contacts from the web shop and streams the event. (The first 360 above filled the cache.)
NOTE="Landscape test note $$"
add_shop_note() {
  curl -sf -X POST -H "X-Api-Key: ${OMNIHUB_ECOMMERCE_API_KEY}" \
    -H "Content-Type: application/json" \
    -d "{\"note\": {\"body\": \"${NOTE} $1\", \"author\": \"support:test\"}}" \
    "http://${ECOMMERCE}/admin/customers/6108000123/notes.json" >/dev/null
}
watch_while_repeating note-added add_shop_note
expect_match "events watch printed the note (exit ${WATCH_STATUS})" "${WATCHED}" \
  "note added +C-[0-9a-f]+ +ecommerce .*${NOTE}"

expect_exit 0 "the next customer 360" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email jane.doe@example.com
expect_match "the new note is in the contacts at once" "${OUT}" "${NOTE}"

# A refund made at the payment gateway (its own console, not the hub): payment-sim publishes
# REFUND_COMPLETED, the hub drops Jane's cached payments and streams the event.
refund_at_the_gateway() {
  curl -sf -X POST -H "X-Merchant-Key: ${OMNIHUB_PAYMENT_API_KEY}" \
    -H "Content-Type: application/xml" \
    -d "<RefundRequest xmlns=\"urn:psp:payments:v1\"><MerchantReference>landscape-$$-$1</MerchantReference><ModificationAmount currency=\"GBP\">1</ModificationAmount></RefundRequest>" \
    "${OMNIHUB_PAYMENT_URL}/psp/v1/payments/W1000002/refunds" >/dev/null
}
watch_while_repeating refund-completed refund_at_the_gateway
expect_match "events watch printed the refund (exit ${WATCH_STATUS})" "${WATCHED}" \
  "refund completed +C-[0-9a-f]+ +payment .*W1000002"

# An order moves on in the ERP: erp-change updates the database and publishes the ERP's
# ORDER_STATUS_CHANGED; the hub streams it and drops Jane's cached ERP orders, so the next
# Customer 360 shows the new status at once (the ERP's cache TTL is a minute).
timeout 30 "${HUBCTL}" --hub "${HUB}" events watch --email jane.doe@example.com \
  --type order-status-changed --count 1 >"${FIXTURE_DIR}/watch-order.out" 2>&1 &
WATCH_PID=$!
sleep 0.5
expect_exit 0 "erp-change marks W1000002 delivered" \
  "${BUILD_DIR}/tools/simulators/erp/erp-change" --connection "${OMNIHUB_ERP_CONNECTION}" \
  --order W1000002 --status delivered --publish "${OMNIHUB_EVENTS_FRONTEND}" --repeat 10
echo "${OUT}"
WATCH_STATUS=0
wait "${WATCH_PID}" || WATCH_STATUS=$?
WATCHED="$(cat "${FIXTURE_DIR}/watch-order.out")"
echo "${WATCHED}"
expect_match "events watch printed the status change (exit ${WATCH_STATUS})" "${WATCHED}" \
  "order status changed +C-[0-9a-f]+ +erp .*W1000002"
expect_exit 0 "the next customer 360" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email jane.doe@example.com
expect_match "W1000002 is delivered at once" "${OUT}" "W1000002 .*delivered"

# One simulator stopped: the rest of a customer's view stays intact, that source marked
# unavailable. (Another web customer than Jane, whose view is not in the cache yet.)
OTHER_EMAIL="$(curl -sf -H "X-Api-Key: ${OMNIHUB_ECOMMERCE_API_KEY}" \
  "http://${ECOMMERCE}/admin/customers.json?limit=5" |
  python3 -c 'import json, sys
emails = [c["email"] for c in json.load(sys.stdin)["customers"] if c.get("email")]
print([e for e in emails if e.lower() != "jane.doe@example.com"][0])')"
echo "stopping the web shop, then asking for ${OTHER_EMAIL}"
"${ROOT}/tools/simulators.sh" stop ecommerce
expect_exit 0 "customer 360 with the web shop stopped" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email "${OTHER_EMAIL}"
echo "${OUT}"
expect_match "the web shop is marked unavailable" "${OUT}" "^[[:space:]]+ecommerce[[:space:]]+unavailable"
expect_match "the ERP still answers" "${OUT}" "^[[:space:]]+erp[[:space:]]+(ok|not found)"
expect_match "the payment system still answers" "${OUT}" "^[[:space:]]+payment[[:space:]]+(ok|not found)"
finish
