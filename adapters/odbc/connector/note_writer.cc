#include "adapters/odbc/connector/note_writer.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "adapters/odbc/connector/sql_runner.h"
#include "adapters/odbc/idempotency.h"

namespace omnihub::odbc {
namespace {

// FNV-1a, 64 bits: stable across builds and machines (std::hash is not).
uint64_t Fnv1a(std::string_view a, std::string_view b) {
  uint64_t hash = 14695981039346656037ull;
  auto add = [&](std::string_view text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
  };
  add(a);
  add(std::string_view("\0", 1));
  add(b);
  return hash;
}

std::string IsoUtc(std::chrono::system_clock::time_point time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromChrono(time), absl::UTCTimeZone());
}

}  // namespace

std::string NoteContactId(std::string_view system, std::string_view idempotency_key) {
  return absl::StrFormat("NOTE-%016x", Fnv1a(system, idempotency_key));
}

std::string NoteIdempotencyKey(std::string_view system, std::string_view idempotency_key) {
  return absl::StrCat(std::string(system), ":add-note:", std::string(idempotency_key));
}

absl::StatusOr<sdk::ActionResponse> WriteNote(OdbcBackend& backend,
                                              const sdk::ActionRequest& request,
                                              std::chrono::system_clock::time_point written_at,
                                              Clock::time_point deadline,
                                              CallCanceller& canceller) {
  const auto* operation = backend.mapping->FindOperation("add-note");
  const std::string contact_id = NoteContactId(backend.system, request.idempotency_key);
  OperationParams params = {
      {"account_id", request.account_id},
      {"contact_id", contact_id},
      {"occurred_at", IsoUtc(written_at)},
      {"text", request.text},
      {"agent_id",
       request.agent_id.empty() ? std::nullopt : std::optional<std::string>(request.agent_id)},
      {"idempotency_key", request.idempotency_key}};
  const std::string key = NoteIdempotencyKey(backend.system, request.idempotency_key);
  Write write = [&](Connection& connection) -> absl::StatusOr<std::string> {
    auto affected = RunSqlWrite(connection, *operation, backend.dialect, params, deadline);
    if (!affected.ok()) return affected.status();
    if (*affected == 0) {
      return absl::NotFoundError(
          absl::StrCat("holds no customer with account id ", request.account_id));
    }
    return contact_id;
  };
  auto written = backend.pool->Run<std::string>(
      deadline, [&](Connection& connection) -> absl::StatusOr<std::string> {
        auto attached = canceller.Attach(connection);
        if (!backend.idempotency_table_ready.load()) {
          auto made = EnsureIdempotencyTable(connection, deadline);
          if (!made.ok()) return made;
          backend.idempotency_table_ready.store(true);
        }
        return RunIdempotentWrite(connection, key, write, deadline);
      });
  if (!written.ok()) {
    return absl::Status(written.status().code(),
                        absl::StrCat(backend.system, " add-note: ", written.status().message()));
  }
  sdk::ActionResponse response;
  response.reference = *written;
  response.detail = absl::StrCat("note added to ", backend.system, " account ", request.account_id,
                                 " as contact ", *written);
  return response;
}

}  // namespace omnihub::odbc
