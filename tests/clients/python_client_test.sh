#!/usr/bin/env bash
# python_client_test.sh HUBD REPO_ROOT: the Python client (tools/clients/python/customer360.py)
# against a real hubd: Jane Doe found by a mixed-case e-mail with a trailing space, and one status
# line for each of the five source systems. Skips (77) when Debian's python3 lacks grpc_tools.
set -euo pipefail

HUBD="$1"
ROOT="$2"
PYTHON=/usr/bin/python3

if ! "${PYTHON}" -c 'import grpc, grpc_tools.protoc' 2>/dev/null; then
  echo "SKIP: ${PYTHON} has no grpc/grpc_tools (install python3-grpcio python3-grpc-tools)"
  exit 77
fi

# shellcheck source=tests/clients/hub_fixture.sh
source "$(dirname "${BASH_SOURCE[0]}")/hub_fixture.sh"
start_hub "${HUBD}" "${ROOT}"

expect_exit 0 "customer360.py finds the customer by 'JANE.DOE@Example.com '" \
  "${PYTHON}" "${ROOT}/tools/clients/python/customer360.py" --hub "${HUB}" \
  --email "JANE.DOE@Example.com "
echo "${OUT}"
expect_match "the profile names Jane" "${OUT}" "Jane"
for system in mainframe erp ecommerce payment pos; do
  expect_match "a status line for ${system}" "${OUT}" "^[[:space:]]+${system}[[:space:]]+[a-z]"
done

expect_exit 4 "customer360.py: an unknown e-mail is not found" \
  "${PYTHON}" "${ROOT}/tools/clients/python/customer360.py" --hub "${HUB}" \
  --email "nobody@example.invalid"
finish
