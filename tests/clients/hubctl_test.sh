#!/usr/bin/env bash
# hubctl_test.sh HUBD HUBCTL REPO_ROOT: hubctl against a real hubd, checking its output and its
# exit codes (0 ok, 2 usage, 3 unreachable, 4 not found, 5 invalid argument).
set -euo pipefail

HUBD="$1"
HUBCTL="$2"
ROOT="$3"

# shellcheck source=tests/clients/hub_fixture.sh
source "$(dirname "${BASH_SOURCE[0]}")/hub_fixture.sh"
start_hub "${HUBD}" "${ROOT}"

expect_exit 0 "health" "${HUBCTL}" --hub "${HUB}" health
expect_match "health says SERVING" "${OUT}" "SERVING"

expect_exit 0 "customer 360 --email jane.doe@example.com" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email jane.doe@example.com
echo "${OUT}"
expect_match "the 360 names Jane" "${OUT}" "Jane"
for section in Profile Accounts Orders Payments "Loyalty / store card" Contacts "Open cases" Sources; do
  expect_match "the 360 has the section ${section}" "${OUT}" "^${section}\$"
done
for system in mainframe erp ecommerce payment pos; do
  expect_match "a source line for ${system}" "${OUT}" "^[[:space:]]+${system}[[:space:]]+[a-z]"
done

expect_exit 0 "--json customer get --twitter @janedoe" \
  "${HUBCTL}" --hub "${HUB}" --json customer get --twitter @janedoe
expect_match "JSON output has the customer id" "${OUT}" '"customerId": "'

expect_exit 0 "OMNIHUB_HUB selects the hub" \
  env OMNIHUB_HUB="${HUB}" "${HUBCTL}" orders list --phone "+44 7700 900123"

expect_exit 4 "an unknown e-mail is not found" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email nobody@example.invalid
expect_match "the not-found message names the e-mail" "${ERR}" \
  "no customer matches email nobody@example.invalid"

expect_exit 5 "a page token the hub never issued is an invalid argument" \
  "${HUBCTL}" --hub "${HUB}" orders list --email jane.doe@example.com --page-token bogus
expect_match "the field violation is printed" "${ERR}" "page_token"

expect_exit 3 "an unreachable hub" \
  "${HUBCTL}" --hub 127.0.0.1:1 customer 360 --email jane.doe@example.com
expect_match "the message says how to start the hub" "${ERR}" "tools/quickstart.sh"

expect_exit 0 "status --wait on a ready hub" \
  "${HUBCTL}" --hub "${HUB}" status --admin "${ADMIN}" --wait 10
expect_match "status says the hub is ready" "${OUT}" "^ready: yes$"
expect_match "status shows the finished identity index build" "${OUT}" \
  "^identity index: ready, ([0-9]+) of \\1 systems scanned, [1-9][0-9]* accounts"
expect_exit 3 "status --wait on an admin port nobody answers" \
  "${HUBCTL}" --hub "${HUB}" status --admin 127.0.0.1:1 --wait 1
expect_match "the message says how long it waited" "${ERR}" "not ready after 1 s"
expect_exit 2 "status --wait 0 is a usage error" \
  "${HUBCTL}" --hub "${HUB}" status --admin "${ADMIN}" --wait 0

expect_exit 2 "no customer reference" "${HUBCTL}" --hub "${HUB}" customer 360
expect_exit 2 "two customer references" \
  "${HUBCTL}" --hub "${HUB}" customer get --email a@example.com --phone 123
expect_exit 2 "an unknown command" "${HUBCTL}" --hub "${HUB}" customer delete
finish
