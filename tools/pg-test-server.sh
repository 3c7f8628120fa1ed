#!/usr/bin/env bash
# pg-test-server.sh: a throwaway PostgreSQL 15 for the ODBC tests.
#
#   tools/pg-test-server.sh start   # prints `export OMNIHUB_TEST_PG_CONNECTION=...` lines
#   tools/pg-test-server.sh stop    # stops it and removes its directory
#   source tools/pg-test-server.sh  # defines pg_test_server_start / pg_test_server_stop
#
# The server runs as an unprivileged user (initdb and pg_ctl refuse root: as root it uses
# `runuser -u postgres`), in a temporary directory (data, unix socket and log), on a free loopback
# port. Its state file (OMNIHUB_PG_STATE, default /tmp/omnihub-pg-test.state) remembers the
# directory so `stop` finds it. The ODBC connection string uses the psqlODBC driver found by
# tools/odbc-env.sh (which also exports ODBCSYSINI/ODBCINI).

PG_BIN="${OMNIHUB_PG_BIN:-/usr/lib/postgresql/15/bin}"
OMNIHUB_PG_STATE="${OMNIHUB_PG_STATE:-/tmp/omnihub-pg-test.state}"

_pg_as_user() {
  if ((EUID == 0)); then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

_pg_free_port() {
  python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# Starts the server; exports OMNIHUB_TEST_PG_CONNECTION, OMNIHUB_TEST_PG_DIR,
# OMNIHUB_TEST_PG_PORT (and ODBCSYSINI/ODBCINI).
pg_test_server_start() {
  local root dir port
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [[ ! -x "${PG_BIN}/initdb" ]]; then
    echo "pg-test-server: ${PG_BIN}/initdb not found (install postgresql-15)" >&2
    return 1
  fi
  dir="$(mktemp -d /tmp/omnihub-pg.XXXXXX)"
  chmod 755 "${dir}"
  if ((EUID == 0)); then chown postgres: "${dir}"; fi
  port="$(_pg_free_port)"
  _pg_as_user "${PG_BIN}/initdb" -D "${dir}/data" -U omnihub -A trust -E UTF8 --locale=C.UTF-8 \
    >"${dir}/initdb.log" 2>&1 || { cat "${dir}/initdb.log" >&2; return 1; }
  _pg_as_user "${PG_BIN}/pg_ctl" -D "${dir}/data" -l "${dir}/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c timezone=UTC" \
    start >/dev/null || { cat "${dir}/server.log" >&2; return 1; }
  _pg_as_user "${PG_BIN}/createdb" -h "${dir}" -p "${port}" -U omnihub omnihub_test || return 1
  printf '%s\n' "${dir}" >"${OMNIHUB_PG_STATE}"
  # shellcheck source=tools/odbc-env.sh
  source "${root}/tools/odbc-env.sh" "${dir}/odbc" || return 1
  export OMNIHUB_TEST_PG_DIR="${dir}" OMNIHUB_TEST_PG_PORT="${port}"
  export OMNIHUB_TEST_PG_CONNECTION="Driver=${OMNIHUB_ODBC_PG_DRIVER};Server=127.0.0.1;Port=${port};Database=omnihub_test;Uid=omnihub;Pwd=unused"
}

# Restarts the server (tests use it to prove the pool reconnects).
pg_test_server_restart() {
  local dir
  dir="${OMNIHUB_TEST_PG_DIR:-$(cat "${OMNIHUB_PG_STATE}" 2>/dev/null)}"
  [[ -n "${dir}" && -d "${dir}/data" ]] || return 1
  _pg_as_user "${PG_BIN}/pg_ctl" -D "${dir}/data" -w -t 60 -m fast restart >/dev/null
}

# Stops the server and removes its directory; quiet and successful when none is running.
pg_test_server_stop() {
  local dir
  dir="${OMNIHUB_TEST_PG_DIR:-$(cat "${OMNIHUB_PG_STATE}" 2>/dev/null)}"
  if [[ -n "${dir}" && -d "${dir}" ]]; then
    _pg_as_user "${PG_BIN}/pg_ctl" -D "${dir}/data" -w -t 30 -m immediate stop >/dev/null 2>&1 || true
    rm -rf "${dir}"
  fi
  rm -f "${OMNIHUB_PG_STATE}"
  unset OMNIHUB_TEST_PG_CONNECTION OMNIHUB_TEST_PG_DIR OMNIHUB_TEST_PG_PORT
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      pg_test_server_start
      printf 'export ODBCSYSINI=%q ODBCINI=%q\n' "${ODBCSYSINI}" "${ODBCINI}"
      printf 'export OMNIHUB_TEST_PG_DIR=%q OMNIHUB_TEST_PG_PORT=%q\n' "${OMNIHUB_TEST_PG_DIR}" "${OMNIHUB_TEST_PG_PORT}"
      printf 'export OMNIHUB_TEST_PG_CONNECTION=%q\n' "${OMNIHUB_TEST_PG_CONNECTION}"
      ;;
    restart) pg_test_server_restart ;;
    stop) pg_test_server_stop ;;
    *) echo "usage: $0 start|restart|stop" >&2; exit 2 ;;
  esac
fi
