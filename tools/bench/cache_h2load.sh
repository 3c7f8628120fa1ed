#!/usr/bin/env bash
# cache_h2load.sh [BUILD_DIR] [ROUNDS]: cached GetCustomer360 throughput and latency measured
# with h2load (Debian's nghttp2-client, a load generator nobody on the team wrote), against the
# warm hub and two bare callback-API gRPC servers of the same proto returning the same pre-built
# answer ("copy": a kept message copied into the reply; "bytes": bytes serialised once), all
# served by `cache_bench --serve`. Rounds alternate hub, copy, bytes, copy again (the noise
# figure); each round is REQUESTS calls over CONNECTIONS connections with STREAMS concurrent
# streams each. Prints calls/s and p50/p99 (from h2load's per-request log) and the ratios.
#
#   tools/bench/cache_h2load.sh build 5
#   REQUESTS=20000 CONNECTIONS=4 STREAMS=8 tools/bench/cache_h2load.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${1:-${ROOT}/build}"
ROUNDS="${2:-5}"
REQUESTS="${REQUESTS:-20000}"
CONNECTIONS="${CONNECTIONS:-4}"
STREAMS="${STREAMS:-8}"
BENCH="${BUILD_DIR}/tools/bench/cache_bench"
PATH_GRPC="/omnihub.v1.CustomerService/GetCustomer360"

command -v h2load >/dev/null || { echo "h2load is missing: apt-get install nghttp2-client" >&2; exit 2; }
[[ -x "${BENCH}" ]] || { echo "${BENCH} is not built (cmake --build ${BUILD_DIR} --target cache_bench)" >&2; exit 2; }
[[ "${ROUNDS}" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive integer" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cache-h2load.XXXXXX")"
SERVER_PID=""
cleanup() {
  [[ -n "${SERVER_PID}" ]] && kill "${SERVER_PID}" 2>/dev/null && wait "${SERVER_PID}" 2>/dev/null
  rm -rf "${WORK}"
}
trap cleanup EXIT

# The servers run until their standard input closes: a FIFO held open by this script.
mkfifo "${WORK}/stdin"
"${BENCH}" --serve="${WORK}" <"${WORK}/stdin" >"${WORK}/serve.log" 2>&1 &
SERVER_PID=$!
exec 3>"${WORK}/stdin"
for _ in $(seq 1 300); do
  [[ -s "${WORK}/ports" ]] && break
  kill -0 "${SERVER_PID}" 2>/dev/null || { cat "${WORK}/serve.log" >&2; exit 1; }
  sleep 0.1
done
[[ -s "${WORK}/ports" ]] || { echo "cache_bench --serve wrote no ports" >&2; exit 1; }
port() { sed -n "s/^$1=//p" "${WORK}/ports"; }
ANSWER_BYTES="$(port answer_bytes)"

# run_round NAME PORT: one h2load round; appends per-request latencies (µs) to WORK/NAME.lat and
# the round's elapsed seconds to WORK/NAME.sec.
run_round() {
  local name="$1" port="$2" log="${WORK}/$1.h2log" out="${WORK}/$1.out"
  h2load "http://127.0.0.1:${port}${PATH_GRPC}" -n "${REQUESTS}" -c "${CONNECTIONS}" \
    -m "${STREAMS}" -t 1 -d "${WORK}/request.grpc" \
    -H 'content-type: application/grpc' -H 'te: trailers' --log-file="${log}" >"${out}" 2>&1 ||
    { cat "${out}" >&2; exit 1; }
  # "requests: N total, N started, N done, N succeeded, 0 failed, 0 errored, 0 timeout"
  grep -q " ${REQUESTS} succeeded, 0 failed, 0 errored" "${out}" ||
    { echo "${name}: not every request succeeded:" >&2; cat "${out}" >&2; exit 1; }
  # Every answer must be the full Customer 360, not a short gRPC error (HTTP 200 either way).
  local data
  data="$(sed -n 's/.*traffic: .*, \([0-9]*\) bytes data.*/\1/p' "${out}" | head -1)"
  [[ -z "${data}" ]] || ((data >= REQUESTS * ANSWER_BYTES)) ||
    { echo "${name}: ${data} bytes of data for ${REQUESTS} answers of ${ANSWER_BYTES}" >&2; exit 1; }
  awk '{print $3}' "${log}" >>"${WORK}/${name}.lat"
  sed -n 's/^finished in \([0-9.]*\)\(m\{0,1\}s\),.*/\1 \2/p' "${out}" |
    awk '{print ($2 == "ms") ? $1 / 1000 : $1}' >>"${WORK}/${name}.sec"
}

report() {
  local name="$1" label="$2"
  local calls seconds
  calls="$(wc -l <"${WORK}/${name}.lat")"
  seconds="$(awk '{s += $1} END {print s}' "${WORK}/${name}.sec")"
  sort -n "${WORK}/${name}.lat" >"${WORK}/${name}.sorted"
  awk -v calls="${calls}" -v seconds="${seconds}" -v label="${label}" '
    { v[NR] = $1 }
    END {
      p50 = v[int(0.50 * (NR - 1)) + 1]; p99 = v[int(0.99 * (NR - 1)) + 1]
      printf "%-26s %9.0f calls/s  p50 %7.0f us  p99 %7.0f us\n", label, calls / seconds, p50, p99
    }' "${WORK}/${name}.sorted"
}

rate() { awk -v c="$(wc -l <"${WORK}/$1.lat")" '{s += $1} END {print c / s}' "${WORK}/$1.sec"; }

# Warm-up round each, discarded.
for name in hub copy bytes; do run_round "${name}" "$(port "${name}")"; done
rm -f "${WORK}"/*.lat "${WORK}"/*.sec
for ((round = 1; round <= ROUNDS; round++)); do
  run_round hub "$(port hub)"
  run_round copy "$(port copy)"
  run_round bytes "$(port bytes)"
  run_round copy_again "$(port copy)"
done

echo "h2load: ${ROUNDS} rounds x ${REQUESTS} calls, ${CONNECTIONS} connections x ${STREAMS} streams," \
  "${ANSWER_BYTES}-byte answer, load average $(cut -d' ' -f1-3 /proc/loadavg)"
report hub "cached hub"
report copy "bare (copy)"
report bytes "bare (bytes)"
report copy_again "bare (copy) again"
awk -v hub="$(rate hub)" -v copy="$(rate copy)" -v bytes="$(rate bytes)" -v again="$(rate copy_again)" \
  'BEGIN { printf "throughput ratio hub/bare-copy %.2f, hub/bare-bytes %.2f (noise: copy again/copy %.2f)\n",
           hub / copy, hub / bytes, again / copy }'
