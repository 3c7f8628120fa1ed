#!/usr/bin/env bash
# odbc-env.sh: renders config/odbc/{odbcinst,odbc}.ini.in for this machine into a directory and
# exports ODBCSYSINI and ODBCINI, so unixODBC finds Omnihub's drivers and data sources without
# anything written to /etc.
#
#   source tools/odbc-env.sh [DIR]   # renders into DIR (default $OMNIHUB_ODBC_DIR or
#                                    # /tmp/omnihub-odbc-$UID) and exports the variables
#   tools/odbc-env.sh [DIR]          # renders and prints the export lines
#
# Driver libraries differ per architecture (/usr/lib/x86_64-linux-gnu/odbc,
# /usr/lib/aarch64-linux-gnu/odbc, ...): they are searched in /usr/lib/*/odbc and /usr/lib/odbc.
# Data-source settings come from OMNIHUB_ERP_SQLITE_DATABASE (default DIR/erp.db),
# OMNIHUB_ERP_PG_HOST (127.0.0.1), OMNIHUB_ERP_PG_PORT (5432), OMNIHUB_ERP_PG_DATABASE (omnihub).
# Exports OMNIHUB_ODBC_SQLITE_DRIVER and OMNIHUB_ODBC_PG_DRIVER: the driver names to use in
# connection strings.

_odbc_find_library() {
  local name="$1" candidate
  for candidate in /usr/lib/*/odbc/"${name}" /usr/lib/odbc/"${name}" /usr/lib64/odbc/"${name}"; do
    if [[ -f "${candidate}" ]]; then
      printf '%s\n' "${candidate}"
      return 0
    fi
  done
  return 1
}

omnihub_odbc_env() {
  local root dir sqlite pg
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  dir="${1:-${OMNIHUB_ODBC_DIR:-/tmp/omnihub-odbc-${UID}}}"
  sqlite="$(_odbc_find_library libsqlite3odbc.so)" || {
    echo "odbc-env: libsqlite3odbc.so not found in /usr/lib/*/odbc (install libsqliteodbc)" >&2
    return 1
  }
  pg="$(_odbc_find_library psqlodbcw.so)" || {
    echo "odbc-env: psqlodbcw.so not found in /usr/lib/*/odbc (install odbc-postgresql)" >&2
    return 1
  }
  mkdir -p "${dir}" || return 1
  local -a substitutions=(
    -e "s|@OMNIHUB_ODBC_SQLITE_LIBRARY@|${sqlite}|g"
    -e "s|@OMNIHUB_ODBC_PG_LIBRARY@|${pg}|g"
    -e "s|@OMNIHUB_ERP_SQLITE_DATABASE@|${OMNIHUB_ERP_SQLITE_DATABASE:-${dir}/erp.db}|g"
    -e "s|@OMNIHUB_ERP_PG_HOST@|${OMNIHUB_ERP_PG_HOST:-127.0.0.1}|g"
    -e "s|@OMNIHUB_ERP_PG_PORT@|${OMNIHUB_ERP_PG_PORT:-5432}|g"
    -e "s|@OMNIHUB_ERP_PG_DATABASE@|${OMNIHUB_ERP_PG_DATABASE:-omnihub}|g"
  )
  sed "${substitutions[@]}" "${root}/config/odbc/odbcinst.ini.in" >"${dir}/odbcinst.ini" || return 1
  sed "${substitutions[@]}" "${root}/config/odbc/odbc.ini.in" >"${dir}/odbc.ini" || return 1
  export ODBCSYSINI="${dir}" ODBCINI="${dir}/odbc.ini"
  export OMNIHUB_ODBC_SQLITE_DRIVER=OmnihubSQLite3 OMNIHUB_ODBC_PG_DRIVER=OmnihubPostgreSQL
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  omnihub_odbc_env "$@"
  printf 'export ODBCSYSINI=%q ODBCINI=%q\n' "${ODBCSYSINI}" "${ODBCINI}"
  printf 'export OMNIHUB_ODBC_SQLITE_DRIVER=%q OMNIHUB_ODBC_PG_DRIVER=%q\n' \
    "${OMNIHUB_ODBC_SQLITE_DRIVER}" "${OMNIHUB_ODBC_PG_DRIVER}"
else
  omnihub_odbc_env "$@"
fi
