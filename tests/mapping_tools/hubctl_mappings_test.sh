#!/usr/bin/env bash
# hubctl_mappings_test.sh HUBCTL REPO_ROOT: `hubctl mappings check|test|doc|new` as an architect
# runs them: their output and exit codes (0 ok, 1 problems found or samples failed, 2 usage) on
# the repository's mappings, the broken-file corpus, and a golden sample made to mismatch.
set -euo pipefail

HUBCTL="$1"
ROOT="$2"
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT
failures=0

# run EXPECTED_EXIT DESCRIPTION COMMAND...: runs it, keeping OUT and ERR.
run() {
  local expected="$1" description="$2"
  shift 2
  set +e
  "$@" >"${WORK}/out" 2>"${WORK}/err"
  local code=$?
  set -e
  OUT="$(cat "${WORK}/out")"
  ERR="$(cat "${WORK}/err")"
  if [[ "${code}" != "${expected}" ]]; then
    echo "FAIL: ${description}: exit ${code}, expected ${expected}"
    echo "--- stdout"; echo "${OUT}"; echo "--- stderr"; echo "${ERR}"
    failures=$((failures + 1))
  else
    echo "ok: ${description}"
  fi
}

# expect TEXT DESCRIPTION PATTERN: TEXT has a line matching the extended regex PATTERN.
expect() {
  if grep -Eq -- "$3" <<<"$1"; then
    echo "ok: $2"
  else
    echo "FAIL: $2: no line matches '$3' in:"; echo "$1"
    failures=$((failures + 1))
  fi
}

cd "${ROOT}"

run 0 "check passes on the repository's mappings" "${HUBCTL}" mappings check
expect "${OUT}" "each system file is ok" '^mappings/systems/erp.xml: ok \(erp, odbc, '
expect "${OUT}" "a summary line" '^checked [0-9]+ files: no problems$'

run 1 "check fails on the broken corpus" "${HUBCTL}" mappings check tests/mapping_engine/broken
expect "${ERR}" "the typo is located and a fix suggested" \
  '^tests/mapping_engine/broken/typo-canonical-field.xml:9:7: unknown canonical field customer.emial — did you mean customer.email\?$'
expect "${ERR}" "a file with a DOCTYPE is refused" \
  '^tests/mapping_engine/broken/external-entity.xml:2: a <!DOCTYPE> declaration is not allowed'
expect "${ERR}" "schema errors are located" \
  '^tests/mapping_engine/broken/unknown-element.xml:9:7: Element .feild.'
broken_files=$(find tests/mapping_engine/broken -name '*.xml' | wc -l)
files_with_problems=$(cut -d: -f1 <<<"${ERR}" | sort -u | wc -l)
if [[ "${files_with_problems}" == "${broken_files}" ]]; then
  echo "ok: every one of the ${broken_files} broken files is reported"
else
  echo "FAIL: ${files_with_problems} of ${broken_files} broken files reported"
  failures=$((failures + 1))
fi
expect "${OUT}" "a summary counts the problems" "^checked ${broken_files} files: [0-9]+ problems in ${broken_files} files$"

run 1 "check --json" "${HUBCTL}" --json mappings check tests/mapping_engine/broken/unknown-transform.xml
expect "${OUT}" "JSON names the line" '"line": 10'
expect "${OUT}" "JSON is not ok" '"ok": false'

run 2 "check of a folder that does not exist is a usage error" "${HUBCTL}" mappings check "${WORK}/nowhere"
expect "${ERR}" "it says so" 'nowhere: no such directory'

run 0 "test passes on the repository's samples" "${HUBCTL}" mappings test
expect "${OUT}" "an ecommerce sample passes" '^PASS ecommerce list-orders '
expect "${OUT}" "an ERP sample (SQL rows) passes" '^PASS erp list-orders '
expect "${OUT}" "a mainframe sample (recorded screens) passes" '^PASS mainframe list-contacts '
expect "${OUT}" "a payment sample (XML answer) passes" '^PASS payment list-payments '
expect "${OUT}" "a recorded error screen gives the expected error" '^PASS mainframe get-customer .*unknown-account.screens$'
expect "${OUT}" "the closing line" '^[0-9]+ passed, 0 failed'

# A copy of the mappings whose ERP order sample no longer matches.
cp -r mappings "${WORK}/mappings"
sed -i 's/tracking_number: "JD100000004GB"/tracking_number: "JD999999999GB"/' \
  "${WORK}/mappings/systems/erp/samples/list-orders.expected.txtpb"
run 1 "test fails on a mismatching golden sample" "${HUBCTL}" mappings test "${WORK}/mappings"
expect "${OUT}" "the failing sample is named" '^FAIL erp list-orders .*list-orders.csv$'
expect "${OUT}" "the diff names the field, expected -> mapped" \
  'record 2: modified: shipments\[0\]\.tracking_number: "JD999999999GB" -> "JD100000004GB"'
expect "${OUT}" "the closing line counts the failure" '^[0-9]+ passed, 1 failed'

run 0 "doc writes the landscape page" "${HUBCTL}" mappings doc -o "${WORK}/landscape.html" \
  --config config/hubd-simulators.xml --dot "${WORK}/landscape.dot"
expect "${OUT}" "it says what it wrote" "^wrote ${WORK}/landscape.html: [0-9]+ systems, [0-9]+ canonical fields"
PAGE="$(cat "${WORK}/landscape.html")"
expect "${PAGE}" "the page is HTML" '^<!DOCTYPE html>'
expect "${PAGE}" "one group per canonical field" '<tbody class="field" data-field="customer.phone"'
expect "${PAGE}" "survivorship from the configuration" 'Survivorship: from config/hubd-simulators.xml'
expect "$(cat "${WORK}/landscape.dot")" "the Graphviz source" '^digraph landscape \{'
if command -v dot >/dev/null 2>&1; then
  expect "${PAGE}" "the diagram is inline SVG" '^<svg '
fi
run 0 "doc without --config" "${HUBCTL}" mappings doc -o "${WORK}/landscape-default.html"
expect "$(cat "${WORK}/landscape-default.html")" "survivorship from the landscape file" \
  'Survivorship: from mappings/landscape.xml'
sed -i 's/"customer.phone"/"customer.phon"/' "${WORK}/mappings/landscape.xml"
run 1 "check reports a mistake in landscape.xml" "${HUBCTL}" mappings check "${WORK}/mappings"
expect "${ERR}" "with its line and a suggestion" \
  "landscape.xml:[0-9]+: unknown canonical field 'customer.phon' — did you mean 'customer.phone'\\?"
run 2 "doc needs -o" "${HUBCTL}" mappings doc
run 2 "doc with a configuration that does not exist" "${HUBCTL}" mappings doc -o "${WORK}/x.html" \
  --config "${WORK}/nope.xml"
run 1 "doc refuses broken mappings" "${HUBCTL}" mappings doc tests/mapping_engine/broken -o "${WORK}/x.html"
expect "${ERR}" "and says why" 'fix the problems above first'

mkdir -p "${WORK}/new/systems"
for connector in http-json http-xml odbc tn3270; do
  run 0 "new --connector ${connector}" "${HUBCTL}" mappings new --connector "${connector}" \
    --system "shop-${connector}" --dir "${WORK}/new"
done
run 0 "new takes the system name as an argument too" "${HUBCTL}" mappings new --connector odbc \
  erp2 --out "${WORK}/erp2.xml"
run 0 "that skeleton passes check" "${HUBCTL}" mappings check "${WORK}/erp2.xml"
run 0 "every skeleton passes check" "${HUBCTL}" mappings check "${WORK}/new"
expect "${OUT}" "four files checked" '^checked 4 files: no problems$'
expect "$(cat "${WORK}/new/systems/shop-odbc.xml")" "TODO markers" 'TODO'
run 1 "new never overwrites" "${HUBCTL}" mappings new --connector odbc --system shop-odbc \
  --dir "${WORK}/new"
run 2 "new refuses an unknown connector" "${HUBCTL}" mappings new --connector soap --system x \
  --dir "${WORK}/new"
run 1 "test with no samples at all fails" "${HUBCTL}" mappings test "${WORK}/new"
expect "${ERR}" "and says where samples go" 'no golden sample found'

# The guide of mappings/README.md: a new HTTP/JSON backend, a mistake, a recorded answer, its
# expected result, a passing test.
mkdir -p "${WORK}/guide/systems/shop/samples"
run 0 "guide: new" "${HUBCTL}" mappings new --connector http-json shop --dir "${WORK}/guide"
sed -i 's|"customer.given_name"|"customer.given_nme"|' "${WORK}/guide/systems/shop.xml"
run 1 "guide: check explains a typo" "${HUBCTL}" mappings check "${WORK}/guide"
expect "${ERR}" "in the architect's terms" \
  'shop.xml:[0-9]+:[0-9]+: unknown canonical field customer.given_nme — did you mean customer.given_name\?'
sed -i 's|"customer.given_nme"|"customer.given_name"|' "${WORK}/guide/systems/shop.xml"
cat >"${WORK}/guide/systems/shop/samples/get-customer.json" <<'JSON'
{"customer": {"id": 42, "email": "Jane.Doe@Example.COM", "first_name": " Jane ", "last_name": "Doe"}}
JSON
run 1 "guide: a sample without its expected result" "${HUBCTL}" mappings test "${WORK}/guide" --actual
expect "${OUT}" "says what to write" 'no expected result: write get-customer.expected.txtpb'
expect "${OUT}" "and shows what the mapping gives" '^ +given_name: "Jane"$'
cat >"${WORK}/guide/systems/shop/samples/get-customer.expected.txtpb" <<'TXTPB'
# proto-message: omnihub.v1.Customer
email: "jane.doe@example.com"
given_name: "Jane"
family_name: "Doe"
identifiers { type: IDENTIFIER_TYPE_ACCOUNT_NUMBER value: "42" system: "shop" }
identifiers { type: IDENTIFIER_TYPE_EMAIL value: "jane.doe@example.com" system: "shop" }
TXTPB
run 0 "guide: the sample passes" "${HUBCTL}" mappings test "${WORK}/guide"
expect "${OUT}" "one passed" '^1 passed, 0 failed$'

echo
if ((failures > 0)); then
  echo "${failures} failed"
  exit 1
fi
echo "all passed"
