#!/usr/bin/env bash
# LogContact through a real hubd (config/hubd.xml with its store in a fresh SQLite file) on
# ephemeral ports: `hubctl contacts log` logs a contact for the demo customer; the very next
# `hubctl customer 360` shows it first among her contacts, the hub's source OK, served from the
# cache (no section fetched again: the admin /cache misses do not move); a watcher started before
# got CONTACT_LOGGED; a retry with the same key writes once, the key reused for another contact
# is refused; hostile requests get the right exit codes naming the field; `hubctl cases` opens a
# case (once per key), a contact names it, it is listed by status and in her Customer 360 while
# open, changed and read back; a restart loses nothing.
#
#   contact_e2e_test.sh HUBD HUBCTL REPO_ROOT
set -uo pipefail

HUBD="$1" HUBCTL="$2" ROOT="$3"
# shellcheck source=tests/clients/hub_fixture.sh
source "${ROOT}/tests/clients/hub_fixture.sh"

CONFIG="${FIXTURE_DIR}/hubd.xml"
# Paths in the config are relative to its file: point them back at the repository.
sed -e "s|</hub>|  <store sqlite-file=\"${FIXTURE_DIR}/data/hub-store.db\"/>\n</hub>|" \
  -e "s|\"\\.\\./|\"${ROOT}/|g" "${ROOT}/config/hubd.xml" >"${CONFIG}"

hubctl() { "${HUBCTL}" --hub "${HUB}" "$@"; }
admin() {
  python3 - "http://${ADMIN}$1" "$2" <<'PY'
import json, sys, urllib.request
value = json.load(urllib.request.urlopen(sys.argv[1], timeout=10))
for key in sys.argv[2].split("."):
    value = value[key]
print(value)
PY
}
json_field() { python3 -c "import json,sys; v=json.load(sys.stdin)
for k in sys.argv[1].split('.'): v=v[int(k)] if k.isdigit() else v[k]
print(v)" "$1"; }

start_hub "${HUBD}" "${ROOT}" "${CONFIG}"

expect_exit 0 "the demo customer is found by e-mail" \
  hubctl --json customer search --email jane.doe@example.com
JANE="$(json_field matches.0.customer.customerId <<<"${OUT}")"
expect_match "her golden id" "${JANE}" '^C-[0-9a-f]{16}$'

expect_exit 0 "her 360 before (every section now cached)" hubctl --json customer 360 --id "${JANE}"
expect_match "the hub's own contacts are a source" "${OUT}" '"system": "hub"'

# A watcher of her contact events, registered before the contact is logged.
"${HUBCTL}" --hub "${HUB}" --json events watch --id "${JANE}" --type contact-logged --count 1 \
  >"${FIXTURE_DIR}/watch.out" 2>"${FIXTURE_DIR}/watch.err" &
WATCH_PID=$!
for _ in $(seq 1 100); do
  [[ "$(admin /status events.subscribers)" == "1" ]] && break
  sleep 0.1
done
expect_match "the watcher is registered" "$(admin /status events.subscribers)" '^1$'

# Hostile or incomplete requests: nothing is written.
expect_exit 2 "log without --summary is a usage error" \
  hubctl contacts log --id "${JANE}" --channel phone --agent A17 --key e2e-key-0000
expect_exit 2 "an unknown channel is a usage error naming the known ones" \
  hubctl contacts log --id "${JANE}" --channel pigeon --agent A17 --summary x --key e2e-key-0000
expect_match "naming them" "${ERR}" 'phone'
expect_exit 5 "a huge summary is refused" \
  hubctl contacts log --id "${JANE}" --channel phone --agent A17 --key e2e-key-0000 \
  --summary "$(head -c 5000 /dev/zero | tr '\0' x)"
expect_match "naming the field" "${ERR}" 'contact.summary'
expect_exit 5 "a short key is refused" \
  hubctl contacts log --id "${JANE}" --channel phone --agent A17 --summary x --key short
expect_match "naming the field" "${ERR}" 'idempotency_key'
expect_exit 4 "an unknown customer is not found" \
  hubctl contacts log --id C-0000000000000000 --channel phone --agent A17 --summary x \
  --key e2e-key-0000
expect_match "naming the field" "${ERR}" 'customer' 
expect_exit 4 "a case that does not exist is not found" \
  hubctl contacts log --id "${JANE}" --channel phone --agent A17 --summary x --case CASE-1 \
  --key e2e-key-0000
expect_match "naming the field" "${ERR}" 'contact.case_id'

MISSES_BEFORE="$(admin /cache misses)"
expect_exit 0 "an agent logs a call" \
  hubctl --json contacts log --id "${JANE}" --channel phone --direction inbound --agent A17 \
  --summary "wants the parcel left with a neighbour" --key e2e-key-0001
CONTACT="$(json_field contactId <<<"${OUT}")"
expect_match "the hub assigned its id" "${CONTACT}" '^H-[0-9a-f]{14}-[0-9a-f]{8}$'
expect_match "for her" "$(json_field customerId <<<"${OUT}")" "^${JANE}\$"

expect_exit 0 "her next 360" hubctl --json customer 360 --id "${JANE}"
VIEW="${OUT}"
expect_match "shows the contact first" "$(json_field recentContacts.0.contactId <<<"${VIEW}")" \
  "^${CONTACT}\$"
expect_match "from the hub" "$(json_field recentContacts.0.sourceSystem <<<"${VIEW}")" '^hub$'
HUB_STATE="$(python3 -c 'import json,sys
print([s["state"] for s in json.load(sys.stdin)["sources"] if s["system"] == "hub"][0])' <<<"${VIEW}")"
expect_match "the hub's source is OK" "${HUB_STATE}" '^SOURCE_STATE_OK$'
expect_match "served from the cache: no section fetched again" "$(admin /cache misses)" \
  "^${MISSES_BEFORE}\$"

wait "${WATCH_PID}"
expect_match "the watcher got CONTACT_LOGGED" "$(cat "${FIXTURE_DIR}/watch.out")" \
  '"type": "EVENT_TYPE_CONTACT_LOGGED"'
expect_match "about the contact" "$(cat "${FIXTURE_DIR}/watch.out")" "\"eventId\": \"${CONTACT}\""

expect_exit 0 "the same command again (a retry)" \
  hubctl --json contacts log --id "${JANE}" --channel phone --direction inbound --agent A17 \
  --summary "wants the parcel left with a neighbour" --key e2e-key-0001
expect_match "answers the first contact" "$(json_field contactId <<<"${OUT}")" "^${CONTACT}\$"
expect_exit 1 "the key reused for another contact is refused (ALREADY_EXISTS)" \
  hubctl contacts log --id "${JANE}" --channel email --agent A17 --summary "something else" \
  --key e2e-key-0001
expect_match "naming the conflict" "${ERR}" 'channel, summary'
expect_exit 0 "her contacts" hubctl --json contacts list --id "${JANE}"
COUNT="$(python3 -c 'import json,sys
print(sum(1 for c in json.load(sys.stdin).get("contacts", []) if c.get("sourceSystem") == "hub"))' <<<"${OUT}")"
expect_match "hold it once" "${COUNT}" '^1$'
expect_exit 0 "readable" hubctl contacts list --id "${JANE}"
expect_match "with its summary" "${OUT}" 'wants the parcel left with a neighbour'

# Cases: an agent opens one, a contact names it, it is listed, changed and read back.
expect_exit 2 "open without --subject is a usage error" hubctl cases open --id "${JANE}"
expect_exit 2 "an unknown priority is a usage error naming the known ones" \
  hubctl cases open --id "${JANE}" --subject x --priority whenever
expect_match "naming them" "${ERR}" 'urgent'
expect_exit 5 "a huge subject is refused" \
  hubctl cases open --id "${JANE}" --subject "$(head -c 400 /dev/zero | tr '\0' x)"
expect_match "naming the field" "${ERR}" 'case.subject'
expect_exit 0 "an agent opens a case" \
  hubctl --json cases open --id "${JANE}" --subject "parcel left in the rain" --priority high \
  --order W1000002 --key e2e-case-0001
CASE="$(json_field caseId <<<"${OUT}")"
expect_match "the hub assigned its id" "${CASE}" '^K-[0-9a-f]{14}-[0-9a-f]{8}$'
expect_match "opened" "$(json_field status <<<"${OUT}")" '^CASE_STATUS_OPEN$'
expect_exit 0 "the same command again (a retry)" \
  hubctl --json cases open --id "${JANE}" --subject "parcel left in the rain" --priority high \
  --order W1000002 --key e2e-case-0001
expect_match "answers the first case" "$(json_field caseId <<<"${OUT}")" "^${CASE}\$"
expect_exit 0 "a contact about the case" \
  hubctl contacts log --id "${JANE}" --channel phone --agent A17 --summary "sent photos" \
  --case "${CASE}" --key e2e-key-0002
expect_exit 0 "her open cases" hubctl cases list --id "${JANE}" --status open
expect_match "list it" "${OUT}" "${CASE}.*parcel left in the rain.*open.*high"
expect_exit 0 "her Customer 360" hubctl customer 360 --id "${JANE}"
expect_match "shows the open case" "${OUT}" "${CASE}.*parcel left in the rain.*open.*high"
expect_exit 2 "an unknown status is a usage error" \
  hubctl cases update "${CASE}" --agent A17 --status lost
expect_exit 2 "an update says what changes" hubctl cases update "${CASE}" --agent A17
expect_exit 0 "the agent resolves it" \
  hubctl --json cases update "${CASE}" --agent A17 --status resolved --owner A17
expect_match "resolved" "$(json_field status <<<"${OUT}")" '^CASE_STATUS_RESOLVED$'
expect_exit 0 "read back" hubctl cases get "${CASE}"
expect_match "as changed" "${OUT}" "resolved"
expect_match "with its owner" "${OUT}" "owner: A17"
expect_exit 0 "no open case left" hubctl cases list --id "${JANE}" --status open
expect_match "none" "${OUT}" 'no cases'
expect_exit 0 "her Customer 360 again" hubctl --json customer 360 --id "${JANE}"
expect_match "without the resolved case" "$(python3 -c 'import json,sys
print(len(json.load(sys.stdin).get("openCases", [])))' <<<"${OUT}")" '^0$'
expect_exit 4 "an unknown case is not found" hubctl cases get K-none

kill -TERM "${HUBD_PID}" && wait "${HUBD_PID}" 2>/dev/null
rm -f "${FIXTURE_DIR}/ready"
start_hub "${HUBD}" "${ROOT}" "${CONFIG}"
expect_exit 0 "after a restart" hubctl --json customer 360 --id "${JANE}"
IDS="$(python3 -c 'import json,sys
print(" ".join(c["contactId"] for c in json.load(sys.stdin)["recentContacts"]))' <<<"${OUT}")"
expect_match "the contact is still there" "${IDS}" "${CONTACT}"
expect_exit 0 "and the case" hubctl --json cases get "${CASE}"
expect_match "as it was" "$(json_field status <<<"${OUT}")" '^CASE_STATUS_RESOLVED$'

finish
