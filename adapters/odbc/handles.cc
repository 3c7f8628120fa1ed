#include "adapters/odbc/handles.h"

#include "absl/strings/str_cat.h"
#include "adapters/odbc/diagnostics.h"

namespace omnihub::odbc {

absl::StatusOr<OdbcHandle> AllocateHandle(SQLSMALLINT type, SQLSMALLINT parent_type,
                                          SQLHANDLE parent, const char* what) {
  SQLHANDLE handle = SQL_NULL_HANDLE;
  SQLRETURN rc = SQLAllocHandle(type, parent, &handle);
  if (!Succeeded(rc)) {
    if (parent == SQL_NULL_HANDLE) {
      return absl::ResourceExhaustedError(absl::StrCat("odbc: cannot allocate ", what));
    }
    return StatusFromHandle(absl::StrCat("allocate ", what), parent_type, parent);
  }
  return OdbcHandle(type, handle);
}

absl::StatusOr<std::shared_ptr<Environment>> Environment::Create() {
  auto handle = AllocateHandle(SQL_HANDLE_ENV, SQL_HANDLE_ENV, SQL_NULL_HANDLE, "environment");
  if (!handle.ok()) return handle.status();
  SQLRETURN rc = SQLSetEnvAttr(handle->get(), SQL_ATTR_ODBC_VERSION,
                               reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  if (!Succeeded(rc)) return StatusFromHandle("set ODBC version 3", SQL_HANDLE_ENV, handle->get());
  return std::shared_ptr<Environment>(new Environment(std::move(*handle)));
}

}  // namespace omnihub::odbc
