# hub_fixture.sh: sourced by the client tests. Starts hubd on ephemeral ports with the repository's
# default config, waits for its ready file, and stops it when the test exits (also on failure).
#
#   start_hub HUBD_BINARY REPO_ROOT [CONFIG]   sets HUB (grpc HOST:PORT) and ADMIN (admin
#                                             HOST:PORT); CONFIG defaults to config/hubd.xml
#   expect_exit CODE DESCRIPTION COMMAND...   runs COMMAND, fails the test unless it exits CODE;
#                                             its stdout is left in $OUT, stderr in $ERR.
# shellcheck shell=bash

FIXTURE_DIR="$(mktemp -d "${TMPDIR:-/tmp}/omnihub-client-test.XXXXXX")"
HUBD_PID=""
HUB=""
ADMIN=""
OUT=""
ERR=""
FAILURES=0

stop_hub() {
  local status=$?
  if [[ -n "${HUBD_PID}" ]] && kill -0 "${HUBD_PID}" 2>/dev/null; then
    kill -TERM "${HUBD_PID}" 2>/dev/null || true
    local waited=0
    while kill -0 "${HUBD_PID}" 2>/dev/null && ((waited < 50)); do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -KILL "${HUBD_PID}" 2>/dev/null || true
    wait "${HUBD_PID}" 2>/dev/null || true
  fi
  if ((status != 0 && status != 77)) && [[ -f "${FIXTURE_DIR}/hubd.log" ]]; then
    echo "--- the end of hubd's log ---"
    tail -n 30 "${FIXTURE_DIR}/hubd.log"
  fi
  rm -rf "${FIXTURE_DIR}"
  return "${status}"
}
trap stop_hub EXIT

start_hub() {
  local hubd="$1" root="$2" config="${3:-$2/config/hubd.xml}" ready="${FIXTURE_DIR}/ready"
  "${hubd}" --config "${config}" --grpc-listen 127.0.0.1:0 \
    --admin-listen 127.0.0.1:0 --ready-file "${ready}" >"${FIXTURE_DIR}/hubd.log" 2>&1 &
  HUBD_PID=$!
  local waited=0
  while [[ ! -s "${ready}" ]]; do
    if ! kill -0 "${HUBD_PID}" 2>/dev/null; then
      echo "FAIL: hubd exited before it was ready"
      exit 1
    fi
    if ((waited >= 300)); then
      echo "FAIL: hubd wrote no ready file within 30 s"
      exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  HUB="$(sed -n 's/^grpc=//p' "${ready}")"
  ADMIN="$(sed -n 's/^admin=//p' "${ready}")"
  echo "hubd is ready: grpc ${HUB}, admin ${ADMIN}"
}

expect_exit() {
  local expected="$1" description="$2"
  shift 2
  local status=0
  "$@" >"${FIXTURE_DIR}/out" 2>"${FIXTURE_DIR}/err" || status=$?
  OUT="$(cat "${FIXTURE_DIR}/out")"
  ERR="$(cat "${FIXTURE_DIR}/err")"
  if ((status == expected)); then
    echo "ok: ${description} (exit ${status})"
    return 0
  fi
  echo "FAIL: ${description}: expected exit ${expected}, got ${status}"
  echo "  command: $*"
  echo "--- stdout ---"
  echo "${OUT}"
  echo "--- stderr ---"
  echo "${ERR}"
  FAILURES=$((FAILURES + 1))
  return 0
}

# expect_match DESCRIPTION TEXT REGEX: fails the test unless TEXT has a line matching REGEX.
expect_match() {
  local description="$1" text="$2" regex="$3"
  if grep -Eq -- "${regex}" <<<"${text}"; then
    echo "ok: ${description}"
  else
    echo "FAIL: ${description}: no line matches /${regex}/ in:"
    echo "${text}"
    FAILURES=$((FAILURES + 1))
  fi
}

# finish: the test's verdict.
finish() {
  if ((FAILURES > 0)); then
    echo "${FAILURES} check(s) failed"
    exit 1
  fi
  echo "all checks passed"
}
