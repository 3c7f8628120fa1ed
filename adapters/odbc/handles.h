// RAII owners of ODBC handles: every SQLHENV, SQLHDBC and SQLHSTMT Omnihub allocates is freed by
// exactly one owner, on every path.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <memory>
#include <utility>

#include "absl/status/statusor.h"

namespace omnihub::odbc {

// Owns one ODBC handle of any type; frees it (SQLFreeHandle) on destruction. Move-only.
class OdbcHandle {
 public:
  OdbcHandle() = default;
  OdbcHandle(SQLSMALLINT type, SQLHANDLE handle) : type_(type), handle_(handle) {}
  OdbcHandle(OdbcHandle&& other) noexcept
      : type_(other.type_), handle_(std::exchange(other.handle_, nullptr)) {}
  OdbcHandle& operator=(OdbcHandle&& other) noexcept {
    if (this != &other) {
      reset();
      type_ = other.type_;
      handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
  }
  OdbcHandle(const OdbcHandle&) = delete;
  OdbcHandle& operator=(const OdbcHandle&) = delete;
  ~OdbcHandle() { reset(); }

  SQLHANDLE get() const { return handle_; }
  SQLSMALLINT type() const { return type_; }
  void reset() {
    if (handle_ != SQL_NULL_HANDLE) SQLFreeHandle(type_, handle_);
    handle_ = SQL_NULL_HANDLE;
  }

 private:
  SQLSMALLINT type_ = SQL_HANDLE_ENV;
  SQLHANDLE handle_ = SQL_NULL_HANDLE;
};

// The ODBC environment (ODBC 3 behaviour). Shared by every connection made from it, which keep it
// alive. Thread-safe (the driver manager serialises environment use).
class Environment {
 public:
  static absl::StatusOr<std::shared_ptr<Environment>> Create();
  SQLHENV get() const { return handle_.get(); }

 private:
  explicit Environment(OdbcHandle handle) : handle_(std::move(handle)) {}
  OdbcHandle handle_;
};

// Allocates a handle of `type` under `parent`; the status names `what` on failure.
absl::StatusOr<OdbcHandle> AllocateHandle(SQLSMALLINT type, SQLSMALLINT parent_type,
                                          SQLHANDLE parent, const char* what);

inline bool Succeeded(SQLRETURN rc) { return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO; }

}  // namespace omnihub::odbc
