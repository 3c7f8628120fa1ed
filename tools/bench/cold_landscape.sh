#!/usr/bin/env bash
# cold_landscape.sh [BUILD_DIR] [CALLS]: cold GetCustomer360 over the simulated landscape. Starts
# every simulator (tools/simulators.sh, free ports, a temporary run directory) and a hub with the
# quickstart's configuration but its cache off, then runs cold_360_client: the whole call as the
# client sees it against the slowest of the five sources in the same answer.
#
#   tools/bench/cold_landscape.sh build 300
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="$(cd "${1:-${ROOT}/build}" && pwd)"
CALLS="${2:-200}"
for binary in hub/hubd tools/bench/cold_360_client; do
  [[ -x "${BUILD_DIR}/${binary}" ]] || { echo "${BUILD_DIR}/${binary} is not built" >&2; exit 2; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cold-landscape.XXXXXX")"
export OMNIHUB_BUILD_DIR="${BUILD_DIR}" OMNIHUB_RUN_DIR="${WORK}/run" OMNIHUB_SIM_PORTS=free
HUBD_PID=""
cleanup() {
  [[ -n "${HUBD_PID}" ]] && kill "${HUBD_PID}" 2>/dev/null && wait "${HUBD_PID}" 2>/dev/null
  "${ROOT}/tools/simulators.sh" stop >/dev/null 2>&1 || true
  rm -rf "${WORK}"
}
trap cleanup EXIT

"${ROOT}/tools/simulators.sh" start >"${WORK}/simulators.log" 2>&1 ||
  { cat "${WORK}/simulators.log" >&2; exit 1; }
# shellcheck disable=SC1090
source <("${ROOT}/tools/simulators.sh" env)

sed -e "s|\.\./mappings/|${ROOT}/mappings/|g" \
  -e "s|<setting key=\"port\" value=\"3270\"/>|<setting key=\"port\" value=\"${OMNIHUB_MAINFRAME_ADDRESS##*:}\"/>|" \
  -e "s|http://127.0.0.1:8081|${OMNIHUB_ECOMMERCE_URL}|" \
  -e "s|http://127.0.0.1:8082|${OMNIHUB_PAYMENT_URL}|" \
  -e "s|<subscribe endpoint=\"[^\"]*\"/>|<subscribe endpoint=\"${OMNIHUB_EVENTS_BACKEND}\"/>|" \
  -e "s|<cache [^>]*/>|<cache enabled=\"false\"/>|" \
  "${ROOT}/config/hubd-simulators.xml" >"${WORK}/hubd.xml"
grep -q '<cache enabled="false"/>' "${WORK}/hubd.xml" || { echo "no <cache> to turn off" >&2; exit 1; }

"${BUILD_DIR}/hub/hubd" --config "${WORK}/hubd.xml" --grpc-listen 127.0.0.1:0 \
  --admin-listen 127.0.0.1:0 --ready-file "${WORK}/ready" >"${WORK}/hubd.log" 2>&1 &
HUBD_PID=$!
for _ in $(seq 1 300); do
  [[ -s "${WORK}/ready" ]] && break
  kill -0 "${HUBD_PID}" 2>/dev/null || { cat "${WORK}/hubd.log" >&2; exit 1; }
  sleep 0.1
done
HUB="$(sed -n 's/^grpc=//p' "${WORK}/ready")"
[[ -n "${HUB}" ]] || { echo "hubd wrote no ready file" >&2; exit 1; }

echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
"${BUILD_DIR}/tools/bench/cold_360_client" --hub "${HUB}" --calls "${CALLS}"
