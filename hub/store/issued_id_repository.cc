#include "hub/store/issued_id_repository.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "hub/store/record_ids.h"
#include "hub/store/write_transaction.h"

namespace omnihub::hub {
namespace {

using google::protobuf::util::TimeUtil;
using omnihub::odbc::Connection;
using omnihub::odbc::ResultSet;
using omnihub::odbc::SqlParam;

// Any constant (not the migration's or the link log's): the PostgreSQL advisory lock recording
// takes, so hubs recording at once take turns.
constexpr int64_t kRecordLockKey = 0x6f6d6e6969647321;  // "omniids!"
constexpr size_t kReadPage = 20000;
constexpr size_t kInsertBatch = 200;  // rows per INSERT (3 parameters each)
constexpr size_t kKeyBatch = 200;     // keys per SELECT ... IN (...)

std::string ValueOf(const omnihub::odbc::Row& row, size_t column) {
  return column < row.size() && row[column] ? *row[column] : std::string();
}

// "2026-11-29T05:00:00.123Z" whatever fraction the database renders ("...:00.55Z" on PostgreSQL,
// "...:00Z"), so issue times compare as text; a value that is not a time stays as it is.
std::string CanonicalTime(const std::string& stored) {
  google::protobuf::Timestamp time;
  if (!TimeUtil::FromString(stored, &time)) return stored;
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ",
                          absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos()),
                          absl::UTCTimeZone());
}

// The two tables: accounts' first ids (migrations/0004) and ids reissued to them (0006).
struct IdTable {
  const char* name;
  const char* conflict;  // the ON CONFLICT target: what is recorded once
  bool reissued;
};
constexpr IdTable kFirstIds{"issued_customer_ids", "account_key", false};
constexpr IdTable kReissuedIds{"reissued_customer_ids", "account_key, customer_id", true};

// Appends the rows of `SELECT account_key, customer_id, issued_at FROM <table> <condition>` (at
// most `limit`) to `out`; answers how many there were. `what` says whose ids in the error
// ("of 3 accounts ").
absl::StatusOr<size_t> SelectIssuedIds(omnihub::odbc::ConnectionPool& pool,
                                       std::chrono::milliseconds timeout, const IdTable& table,
                                       const std::string& condition,
                                       const std::vector<SqlParam>& params, size_t limit,
                                       const std::string& what, std::vector<IssuedId>& out) {
  const auto deadline = omnihub::odbc::Clock::now() + timeout;
  auto rows = pool.Run<ResultSet>(deadline, [&](Connection& connection) {
    return connection.Query(absl::StrCat("SELECT account_key, customer_id, issued_at FROM ",
                                         table.name, " ", condition),
                            params, deadline, {limit, 1024 * 1024});
  });
  if (!rows.ok()) {
    return absl::Status(rows.status().code(),
                        absl::StrCat("cannot read the issued golden ids ", what,
                                     "from the hub's store: ", rows.status().message()));
  }
  for (const auto& row : rows->rows) {
    out.push_back(
        {ValueOf(row, 0), ValueOf(row, 1), CanonicalTime(ValueOf(row, 2)), table.reissued});
  }
  return rows->rows.size();
}

// Inserts `ids` into `table` unless there already (its conflict target), in one write-locked
// transaction with issued_at now; how many were new.
absl::StatusOr<size_t> InsertIssuedIds(omnihub::odbc::ConnectionPool& pool,
                                       std::chrono::milliseconds timeout, const IdTable& table,
                                       const std::vector<IssuedId>& ids) {
  for (const auto& id : ids) {
    if (id.account_key.empty() || id.account_key.size() > kMaxIssuedAccountKeyBytes ||
        id.customer_id.empty() || id.customer_id.size() > kMaxIssuedCustomerIdBytes) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cannot record golden id '", id.customer_id.substr(0, 80), "' for account '",
          id.account_key.substr(0, 80), "': account_key must be 1-", kMaxIssuedAccountKeyBytes,
          " bytes, customer_id 1-", kMaxIssuedCustomerIdBytes));
    }
  }
  if (ids.empty()) return 0;
  const std::string now = TimeUtil::ToString(store::NowMillis());
  const auto deadline =
      omnihub::odbc::Clock::now() + timeout * static_cast<int64_t>(1 + ids.size() / kInsertBatch);
  size_t inserted = 0;
  auto done = pool.Run<size_t>(deadline, [&](Connection& connection) -> absl::StatusOr<size_t> {
    inserted = 0;
    auto status = store::InWriteTransaction(connection, kRecordLockKey, deadline, [&] {
      for (size_t begin = 0; begin < ids.size(); begin += kInsertBatch) {
        const size_t end = std::min(ids.size(), begin + kInsertBatch);
        std::vector<SqlParam> params;
        std::vector<std::string> rows;
        for (size_t i = begin; i < end; ++i) {
          params.push_back(SqlParam::Text(ids[i].account_key));
          params.push_back(SqlParam::Text(ids[i].customer_id));
          params.push_back(SqlParam::Timestamp(now));
          rows.emplace_back("(?, ?, ?)");
        }
        auto affected = connection.Execute(
            absl::StrCat(
                "INSERT INTO ", table.name, " (account_key, customer_id, issued_at) VALUES ",
                absl::StrJoin(rows, ", "), " ON CONFLICT (", table.conflict, ") DO NOTHING"),
            params, deadline);
        if (!affected.ok()) return affected.status();
        inserted += static_cast<size_t>(std::max<int64_t>(0, *affected));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return inserted;
  });
  if (!done.ok()) {
    return absl::Status(done.status().code(),
                        absl::StrCat("cannot record ", ids.size(),
                                     " golden ids in the hub's store: ", done.status().message()));
  }
  return done;
}

}  // namespace

IssuedIdRepository::IssuedIdRepository(std::shared_ptr<omnihub::odbc::ConnectionPool> pool,
                                       std::chrono::milliseconds timeout)
    : pool_(std::move(pool)), timeout_(timeout) {}

absl::StatusOr<std::vector<IssuedId>> IssuedIdRepository::ReadAll() {
  std::vector<IssuedId> ids;
  for (std::string after;;) {
    auto read = SelectIssuedIds(
        *pool_, timeout_, kFirstIds,
        absl::StrCat("WHERE account_key > ? ORDER BY account_key LIMIT ", kReadPage),
        {SqlParam::Text(after)}, kReadPage, "", ids);
    if (!read.ok()) return read.status();
    if (*read < kReadPage) break;
    after = ids.back().account_key;
  }
  // An account may hold several: paged by (account key, id).
  for (std::string after_key, after_id;;) {
    auto read = SelectIssuedIds(
        *pool_, timeout_, kReissuedIds,
        absl::StrCat("WHERE account_key > ? OR (account_key = ? AND customer_id > ?) "
                     "ORDER BY account_key, customer_id LIMIT ",
                     kReadPage),
        {SqlParam::Text(after_key), SqlParam::Text(after_key), SqlParam::Text(after_id)}, kReadPage,
        "", ids);
    if (!read.ok()) return read.status();
    if (*read < kReadPage) return ids;
    after_key = ids.back().account_key;
    after_id = ids.back().customer_id;
  }
}

absl::StatusOr<std::vector<IssuedId>> IssuedIdRepository::ReadFor(
    const std::vector<std::string>& account_keys) {
  std::vector<std::string> keys;
  for (const auto& key : account_keys) {
    if (!key.empty() && key.size() <= kMaxIssuedAccountKeyBytes) keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::vector<IssuedId> ids;
  for (size_t first = 0; first < keys.size(); first += kKeyBatch) {
    const size_t count = std::min(kKeyBatch, keys.size() - first);
    std::vector<SqlParam> params;
    params.reserve(count);
    for (size_t i = first; i < first + count; ++i) params.push_back(SqlParam::Text(keys[i]));
    const std::vector<std::string> marks(count, "?");
    for (const IdTable* table : {&kFirstIds, &kReissuedIds}) {
      // An account may hold several reissued ids (one per split that gave it a new one).
      auto read = SelectIssuedIds(*pool_, timeout_, *table,
                                  absl::StrCat("WHERE account_key IN (", absl::StrJoin(marks, ","),
                                               ") ORDER BY account_key, customer_id"),
                                  params, table->reissued ? kReadPage : kKeyBatch,
                                  absl::StrCat("of ", count, " accounts "), ids);
      if (!read.ok()) return read.status();
    }
  }
  return ids;
}

absl::StatusOr<size_t> IssuedIdRepository::Record(const std::vector<IssuedId>& ids) {
  return InsertIssuedIds(*pool_, timeout_, kFirstIds, ids);
}

absl::StatusOr<size_t> IssuedIdRepository::RecordReissued(const std::vector<IssuedId>& ids) {
  return InsertIssuedIds(*pool_, timeout_, kReissuedIds, ids);
}

}  // namespace omnihub::hub
