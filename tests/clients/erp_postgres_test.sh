#!/usr/bin/env bash
# erp_postgres_test.sh BUILD_DIR REPO_ROOT: the ERP on PostgreSQL by changing only configuration.
# The quickstart's ERP adapter (config/hubd-simulators.xml: odbc, mappings/systems/erp.xml) with
# its connection string pointed at the throwaway PostgreSQL that tools/test.sh starts and its
# dialect set to postgresql; the ERP data set loaded there by erp-load. Jane Doe's Customer 360
# must show her ERP record, her orders with shipment status, and an order's invoices. Skips (77)
# without OMNIHUB_TEST_PG_CONNECTION.
set -euo pipefail

BUILD_DIR="$1"
ROOT="$2"
HUBD="${BUILD_DIR}/hub/hubd"
HUBCTL="${BUILD_DIR}/tools/hubctl/hubctl"

if [[ -z "${OMNIHUB_TEST_PG_CONNECTION:-}" ]]; then
  echo "SKIP: OMNIHUB_TEST_PG_CONNECTION is not set (tools/test.sh starts a PostgreSQL)"
  exit 77
fi

# shellcheck source=tests/clients/hub_fixture.sh
source "$(dirname "${BASH_SOURCE[0]}")/hub_fixture.sh"

"${BUILD_DIR}/tools/simulators/erp/erp-load" --seed 42 --customers 1000 --replace \
  --connection "${OMNIHUB_TEST_PG_CONNECTION}" >"${FIXTURE_DIR}/erp-load.log" 2>&1 ||
  { echo "FAIL: erp-load into PostgreSQL"; cat "${FIXTURE_DIR}/erp-load.log"; exit 1; }

# The quickstart's configuration with only its ERP adapter, the dialect switched: configuration
# is all that changes.
python3 - "${ROOT}/config/hubd-simulators.xml" "${FIXTURE_DIR}/hubd.xml" "${ROOT}" <<'PY'
import sys
import xml.etree.ElementTree as ET
NS = "urn:omnihub:config:v1"
ET.register_namespace("", NS)
source, target, root_dir = sys.argv[1:4]
tree = ET.parse(source)
hub = tree.getroot()
adapters = hub.find(f"{{{NS}}}adapters")
for adapter in list(adapters):
    if adapter.get("name") != "erp":
        adapters.remove(adapter)
events = hub.find(f"{{{NS}}}events")
if events is not None:
    hub.remove(events)
erp = adapters.find(f"{{{NS}}}adapter")
changed = 0
for setting in erp.findall(f"{{{NS}}}setting"):
    if setting.get("key") == "dialect":
        setting.set("value", "postgresql")
        changed += 1
    if setting.get("key") == "mapping":
        setting.set("value", setting.get("value").replace("../mappings/", root_dir + "/mappings/"))
survivorship = hub.find(f"{{{NS}}}survivorship")
if survivorship is not None:
    hub.remove(survivorship)
landscape = hub.find(f"{{{NS}}}landscape")
if landscape is not None:
    hub.remove(landscape)
assert changed == 1, "no dialect setting to switch"
tree.write(target, encoding="UTF-8", xml_declaration=True)
PY
export OMNIHUB_ERP_CONNECTION="${OMNIHUB_TEST_PG_CONNECTION}"
start_hub "${HUBD}" "${ROOT}" "${FIXTURE_DIR}/hubd.xml"

expect_exit 0 "customer 360 --email jane.doe@example.com from the ERP on PostgreSQL" \
  "${HUBCTL}" --hub "${HUB}" customer 360 --email jane.doe@example.com
echo "${OUT}"
expect_match "the ERP answered" "${OUT}" "^[[:space:]]+erp[[:space:]]+ok"
expect_match "her ERP record" "${OUT}" "erp[[:space:]:]+C0100001"
expect_match "an order with its delayed shipment" "${OUT}" "W1000002 .*delayed"

expect_exit 0 "orders get W1000002 (lines, shipment, invoices)" \
  "${HUBCTL}" --hub "${HUB}" orders get W1000002 --email jane.doe@example.com
echo "${OUT}"
expect_match "the order's shipment" "${OUT}" "DPD +15501234567890 +delayed"
expect_match "the order's invoice" "${OUT}" "INV10000002 +2026-10-25 +£249.00 +yes"

expect_exit 0 "customer 360 as JSON (invoices of her recent orders)" \
  "${HUBCTL}" --hub "${HUB}" --json customer 360 --email jane.doe@example.com
expect_match "an invoice in the 360 with its issue time" "${OUT}" '"issuedAt": "2026-10-25T21:52:00Z"'
finish
