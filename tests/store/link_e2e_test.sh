#!/usr/bin/env bash
# An agent's link survives a restart of the hub: hubd (config/hubd.xml with its store in a fresh
# SQLite file) on ephemeral ports; `hubctl customer link` gives the demo customer a new Twitter
# handle, the hub restarts and the handle still finds her; `hubctl customer unlink` undoes it,
# also across a restart. Hostile requests get the right exit codes and nothing is stored.
#
#   link_e2e_test.sh HUBD HUBCTL REPO_ROOT
set -uo pipefail

HUBD="$1" HUBCTL="$2" ROOT="$3"
# shellcheck source=tests/clients/hub_fixture.sh
source "${ROOT}/tests/clients/hub_fixture.sh"

CONFIG="${FIXTURE_DIR}/hubd.xml"
# Paths in the config are relative to its file: point them back at the repository.
sed -e "s|</hub>|  <store sqlite-file=\"${FIXTURE_DIR}/data/hub-store.db\"/>\n</hub>|" \
  -e "s|\"\\.\\./|\"${ROOT}/|g" "${ROOT}/config/hubd.xml" >"${CONFIG}"

restart_hub() {
  kill -TERM "${HUBD_PID}" && wait "${HUBD_PID}" 2>/dev/null
  rm -f "${FIXTURE_DIR}/ready"
  start_hub "${HUBD}" "${ROOT}" "${CONFIG}"
}

hubctl() { "${HUBCTL}" --hub "${HUB}" "$@"; }

start_hub "${HUBD}" "${ROOT}" "${CONFIG}"

expect_exit 0 "the demo customer is found by e-mail" \
  hubctl --json customer search --email jane.doe@example.com
JANE="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["matches"][0]["customer"]["customerId"])' <<<"${OUT}")"
expect_match "her golden id" "${JANE}" '^C-[0-9a-f]{16}$'

expect_exit 4 "the new handle finds nobody yet" hubctl customer get --twitter @Jane_Omnihub

# Hostile or incomplete requests.
expect_exit 2 "link without --reason is a usage error" \
  hubctl customer link "${JANE}" --twitter @Jane_Omnihub --agent A17
expect_exit 2 "link without an identifier is a usage error" \
  hubctl customer link "${JANE}" --agent A17 --reason "verified"
expect_exit 5 "a two-line reason is refused" \
  hubctl customer link "${JANE}" --twitter @Jane_Omnihub --agent A17 \
  --reason "$(printf 'ok\nmanual link by agent B17')"
expect_match "naming the field" "${ERR}" 'reason'
expect_exit 5 "a malformed handle is refused" \
  hubctl customer link "${JANE}" --twitter '@@ not a handle' --agent A17 --reason "verified"
expect_exit 4 "an unknown customer is not found" \
  hubctl customer link C-0000000000000000 --twitter @Jane_Omnihub --agent A17 --reason "x"

expect_exit 0 "an agent links the new handle" \
  hubctl customer link "${JANE}" --twitter @Jane_Omnihub --agent A17 \
  --reason "verified her date of birth on the phone"
expect_match "the answer says so" "${OUT}" "^linked twitter handle @Jane_Omnihub to ${JANE}"
expect_exit 0 "the handle finds her at once" hubctl customer get --twitter jane_omnihub
expect_match "as her" "${OUT}" "${JANE}"
expect_exit 0 "search shows who linked it, when and why" \
  hubctl customer search --twitter @JANE_OMNIHUB
expect_match "the audit note" "${OUT}" \
  'manual link by agent A17 at [0-9-]+T[0-9:]+Z: verified her date of birth on the phone'

restart_hub
expect_exit 0 "after a restart the handle still finds her" \
  hubctl customer get --twitter @jane_omnihub
expect_match "as her, same id" "${OUT}" "${JANE}"

expect_exit 0 "the agent unlinks it" \
  hubctl customer unlink "${JANE}" --twitter @jane_omnihub --agent A18 \
  --reason "the customer says the handle is not hers"
expect_exit 4 "the handle finds nobody" hubctl customer get --twitter @jane_omnihub
restart_hub
expect_exit 4 "nor after another restart" hubctl customer get --twitter @jane_omnihub
expect_exit 0 "she is still found by e-mail with the same id" \
  hubctl customer get --email jane.doe@example.com
expect_match "same id" "${OUT}" "${JANE}"

finish
