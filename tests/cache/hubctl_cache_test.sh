#!/usr/bin/env bash
# hubctl_cache_test.sh HUBD HUBCTL REPO_ROOT: `hubctl cache warm` and `hubctl cache stats` against
# a real hubd (default configuration, ephemeral ports).
set -euo pipefail

HUBD="$1"
HUBCTL="$2"
ROOT="$3"

# shellcheck source=tests/clients/hub_fixture.sh
source "${ROOT}/tests/clients/hub_fixture.sh"
start_hub "${HUBD}" "${ROOT}"

LIST="${FIXTURE_DIR}/callers.txt"
cat >"${LIST}" <<'LIST'
# today's callers
email jane.doe@example.com

--twitter @janedoe
email nobody@example.invalid
this is not a reference
phone
account erp
LIST

expect_exit 0 "cache warm a list" "${HUBCTL}" --hub "${HUB}" cache warm "${LIST}" --rate 50
expect_match "the summary counts each outcome" "${OUT}" \
  "^warmed 2, not found 1, failed 0, skipped lines 3$"
expect_match "a bad line is reported with its number" "${ERR}" "callers.txt: line 6: "
expect_match "a value-less line is reported" "${ERR}" "callers.txt: line 7: no value after 'phone'"
expect_match "plain progress lines when not on a terminal" "${ERR}" "^progress: 3/3 "

expect_exit 0 "cache stats" "${HUBCTL}" --hub "${HUB}" cache stats --admin "${ADMIN}"
echo "${OUT}"
expect_match "stats show the hit ratio" "${OUT}" "hit ratio +[0-9.]+ %"
expect_match "stats show the sections held" "${OUT}" "entries +[1-9][0-9]* sections"

expect_exit 0 "cache stats as JSON" "${HUBCTL}" --hub "${HUB}" --json cache stats --admin "${ADMIN}"
BEFORE="$(sed -n 's/.*"reply_hits": \([0-9]*\).*/\1/p' <<<"${OUT}")"
expect_exit 0 "the warmed customer's 360" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email jane.doe@example.com
expect_match "every source of the warmed 360 is OK" "${OUT}" "^[[:space:]]+mainframe[[:space:]]+ok[[:space:]]"
expect_exit 0 "cache stats as JSON again" \
  "${HUBCTL}" --hub "${HUB}" --json cache stats --admin "${ADMIN}"
AFTER="$(sed -n 's/.*"reply_hits": \([0-9]*\).*/\1/p' <<<"${OUT}")"
if [[ -n "${BEFORE}" && "${AFTER}" == "$((BEFORE + 1))" ]]; then
  echo "ok: the 360 after warming was a kept answer (reply hits ${BEFORE} -> ${AFTER})"
else
  echo "FAIL: the 360 after warming was not a kept answer (reply hits '${BEFORE}' -> '${AFTER}')"
  FAILURES=$((FAILURES + 1))
fi

expect_exit 2 "--rate 0 is a usage error" "${HUBCTL}" --hub "${HUB}" cache warm "${LIST}" --rate 0
expect_exit 2 "warm needs a file" "${HUBCTL}" --hub "${HUB}" cache warm
expect_exit 1 "a missing file" "${HUBCTL}" --hub "${HUB}" cache warm "${FIXTURE_DIR}/none.txt"
expect_exit 3 "an admin port nobody listens on" \
  "${HUBCTL}" --hub "${HUB}" --timeout-ms 2000 cache stats --admin 127.0.0.1:1

finish
