#include "hub/store/case_repository.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/sdk/utf8.h"
#include "hub/store/keyed_insert.h"
#include "hub/store/record_ids.h"

namespace omnihub::hub {
namespace {

using google::protobuf::util::TimeUtil;
using omnihub::odbc::Connection;
using omnihub::odbc::ResultSet;
using omnihub::odbc::SqlParam;
using omnihub::v1::Case;

constexpr char kColumns[] =
    "case_id, customer_id, subject, status, priority, order_number, owner_agent_id, created_at, "
    "updated_at";
constexpr size_t kMaxIdBytes = 64;
constexpr size_t kMaxSubjectBytes = 300;
constexpr size_t kMaxKeyBytes = 200;
constexpr size_t kMaxCustomers = 500;
constexpr int kMaxCases = 1000;

absl::Status CheckText(const std::string& value, const char* field, size_t max, bool required) {
  if (value.empty()) {
    return required ? absl::InvalidArgumentError(absl::StrCat(field, " is required"))
                    : absl::OkStatus();
  }
  if (value.size() > max) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is too long (", value.size(), " bytes, at most ", max, ")"));
  }
  if (!omnihub::sdk::IsValidUtf8(value)) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is not valid UTF-8"));
  }
  return absl::OkStatus();
}

absl::Status CheckFields(const Case& c) {
  if (c.status() == omnihub::v1::CASE_STATUS_UNSPECIFIED ||
      !omnihub::v1::CaseStatus_IsValid(c.status())) {
    return absl::InvalidArgumentError(
        absl::StrCat("case.status ", c.status(), " is not a known case status"));
  }
  if (c.priority() == omnihub::v1::CASE_PRIORITY_UNSPECIFIED ||
      !omnihub::v1::CasePriority_IsValid(c.priority())) {
    return absl::InvalidArgumentError(
        absl::StrCat("case.priority ", c.priority(), " is not a known case priority"));
  }
  for (auto status : {CheckText(c.subject(), "case.subject", kMaxSubjectBytes, true),
                      CheckText(c.order_number(), "case.order_number", kMaxIdBytes, false),
                      CheckText(c.owner_agent_id(), "case.owner_agent_id", kMaxIdBytes, false)}) {
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

SqlParam OptionalText(const std::string& value) {
  return value.empty() ? SqlParam::Null() : SqlParam::Text(value);
}

absl::StatusOr<Case> FromRow(const omnihub::odbc::Row& row) {
  auto text = [&](size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); };
  Case c;
  c.set_case_id(text(0));
  c.set_customer_id(text(1));
  c.set_subject(text(2));
  omnihub::v1::CaseStatus status{};
  omnihub::v1::CasePriority priority{};
  if (!omnihub::v1::CaseStatus_Parse(text(3), &status) ||
      !omnihub::v1::CasePriority_Parse(text(4), &priority)) {
    return absl::DataLossError(absl::StrCat("cases ", text(0), ": unknown status '", text(3),
                                            "' or priority '", text(4), "'"));
  }
  c.set_status(status);
  c.set_priority(priority);
  c.set_order_number(text(5));
  c.set_owner_agent_id(text(6));
  if (!TimeUtil::FromString(text(7), c.mutable_created_at()) ||
      !TimeUtil::FromString(text(8), c.mutable_updated_at())) {
    return absl::DataLossError(absl::StrCat("cases ", text(0), ": created_at '", text(7),
                                            "' or updated_at '", text(8), "' is not a time"));
  }
  return c;
}

absl::StatusOr<std::optional<Case>> FindOne(Connection& connection, const char* column,
                                            const std::string& value,
                                            omnihub::odbc::Clock::time_point deadline) {
  auto found =
      connection.Query(absl::StrCat("SELECT ", kColumns, " FROM cases WHERE ", column, " = ?"),
                       {SqlParam::Text(value)}, deadline);
  if (!found.ok()) return found.status();
  if (found->rows.empty()) return std::optional<Case>();
  auto c = FromRow(found->rows.front());
  if (!c.ok()) return c.status();
  return std::optional<Case>(*std::move(c));
}

absl::StatusOr<CreatedCase> Repeated(const Case& asked, const std::string& key, Case first) {
  std::vector<std::string> fields;
  if (asked.customer_id() != first.customer_id()) fields.push_back("customer");
  if (asked.subject() != first.subject()) fields.push_back("subject");
  if (asked.status() != first.status()) fields.push_back("status");
  if (asked.priority() != first.priority()) fields.push_back("priority");
  if (asked.order_number() != first.order_number()) fields.push_back("order_number");
  if (asked.owner_agent_id() != first.owner_agent_id()) fields.push_back("owner_agent_id");
  // A case changed since it was created may differ in status, priority, subject and owner: a
  // retry of the creation is still the same request, so only what cannot change is compared.
  std::erase_if(fields, [&](const std::string& field) {
    return first.updated_at() != first.created_at() && field != "customer" &&
           field != "order_number";
  });
  if (!fields.empty()) {
    return store::ReusedKeyError(key, "case", first.case_id(), fields);
  }
  return CreatedCase{std::move(first), false};
}

}  // namespace

CaseRepository::CaseRepository(std::shared_ptr<omnihub::odbc::ConnectionPool> pool,
                               std::chrono::milliseconds timeout)
    : pool_(std::move(pool)), timeout_(timeout) {}

omnihub::odbc::Clock::time_point CaseRepository::Deadline() const {
  return omnihub::odbc::Clock::now() + timeout_;
}

absl::StatusOr<CreatedCase> CaseRepository::Create(const Case& asked, const std::string& key) {
  Case c = asked;
  if (c.status() == omnihub::v1::CASE_STATUS_UNSPECIFIED)
    c.set_status(omnihub::v1::CASE_STATUS_OPEN);
  if (c.priority() == omnihub::v1::CASE_PRIORITY_UNSPECIFIED) {
    c.set_priority(omnihub::v1::CASE_PRIORITY_NORMAL);
  }
  if (auto status = CheckText(c.customer_id(), "case.customer_id", kMaxIdBytes, true);
      !status.ok()) {
    return status;
  }
  if (auto status = CheckText(key, "idempotency_key", kMaxKeyBytes, true); !status.ok()) {
    return status;
  }
  if (auto status = CheckFields(c); !status.ok()) return status;
  const auto now = store::NowMillis();
  *c.mutable_created_at() = now;
  *c.mutable_updated_at() = now;
  const auto deadline = Deadline();
  auto result =
      pool_->Run<CreatedCase>(deadline, [&](Connection& connection) -> absl::StatusOr<CreatedCase> {
        auto outcome = store::InsertOncePerKey<Case>(
            [&] { return FindOne(connection, "idempotency_key", key, deadline); },
            [&]() -> absl::StatusOr<Case> {
              c.set_case_id(store::TimeOrderedId("K"));
              auto inserted = connection.Execute(
                  absl::StrCat("INSERT INTO cases (", kColumns,
                               ", idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {SqlParam::Text(c.case_id()), SqlParam::Text(c.customer_id()),
                   SqlParam::Text(c.subject()),
                   SqlParam::Text(omnihub::v1::CaseStatus_Name(c.status())),
                   SqlParam::Text(omnihub::v1::CasePriority_Name(c.priority())),
                   OptionalText(c.order_number()), OptionalText(c.owner_agent_id()),
                   SqlParam::Timestamp(TimeUtil::ToString(now)),
                   SqlParam::Timestamp(TimeUtil::ToString(now)), SqlParam::Text(key)},
                  deadline);
              if (!inserted.ok()) return inserted.status();
              return c;
            });
        if (!outcome.ok()) return outcome.status();
        if (outcome->second) return CreatedCase{outcome->first, true};
        return Repeated(c, key, outcome->first);
      });
  if (!result.ok() && result.status().code() != absl::StatusCode::kAlreadyExists) {
    return absl::Status(
        result.status().code(),
        absl::StrCat("cannot create the case in the hub's store: ", result.status().message()));
  }
  return result;
}

absl::StatusOr<Case> CaseRepository::Get(const std::string& case_id) {
  if (auto status = CheckText(case_id, "case_id", kMaxIdBytes, true); !status.ok()) return status;
  const auto deadline = Deadline();
  auto found = pool_->Run<std::optional<Case>>(deadline, [&](Connection& connection) {
    return FindOne(connection, "case_id", case_id, deadline);
  });
  if (!found.ok()) {
    return absl::Status(found.status().code(),
                        absl::StrCat("cannot read case ", case_id,
                                     " from the hub's store: ", found.status().message()));
  }
  if (!*found)
    return absl::NotFoundError(absl::StrCat("case_id: there is no case '", case_id, "'"));
  return **found;
}

absl::StatusOr<std::vector<Case>> CaseRepository::List(
    const std::vector<std::string>& customer_ids,
    const std::vector<omnihub::v1::CaseStatus>& statuses, int limit) {
  if (customer_ids.empty() || limit <= 0) return std::vector<Case>();
  if (customer_ids.size() > kMaxCustomers) {
    return absl::InvalidArgumentError(absl::StrCat("cannot list the cases of ", customer_ids.size(),
                                                   " customer ids at once (at most ", kMaxCustomers,
                                                   ")"));
  }
  std::vector<SqlParam> params;
  std::vector<std::string> marks;
  for (const auto& id : customer_ids) {
    params.push_back(SqlParam::Text(id));
    marks.emplace_back("?");
  }
  std::string where = absl::StrCat("customer_id IN (", absl::StrJoin(marks, ", "), ")");
  if (!statuses.empty()) {
    std::vector<std::string> status_marks;
    for (auto status : statuses) {
      params.push_back(SqlParam::Text(omnihub::v1::CaseStatus_Name(status)));
      status_marks.emplace_back("?");
    }
    absl::StrAppend(&where, " AND status IN (", absl::StrJoin(status_marks, ", "), ")");
  }
  return Select(absl::StrCat("WHERE ", where, " ORDER BY updated_at DESC, case_id DESC LIMIT ",
                             std::min(limit, kMaxCases)),
                params);
}

absl::StatusOr<std::vector<Case>> CaseRepository::ChangedSince(
    const google::protobuf::Timestamp& since, int limit) {
  return Select(absl::StrCat("WHERE updated_at >= ? ORDER BY updated_at, case_id LIMIT ",
                             std::clamp(limit, 1, kMaxCases)),
                {SqlParam::Timestamp(TimeUtil::ToString(since))});
}

absl::StatusOr<std::vector<Case>> CaseRepository::Select(const std::string& rest,
                                                         const std::vector<SqlParam>& params) {
  const auto deadline = Deadline();
  auto rows = pool_->Run<ResultSet>(deadline, [&](Connection& connection) {
    return connection.Query(absl::StrCat("SELECT ", kColumns, " FROM cases ", rest), params,
                            deadline);
  });
  if (!rows.ok()) {
    return absl::Status(
        rows.status().code(),
        absl::StrCat("cannot read the cases from the hub's store: ", rows.status().message()));
  }
  std::vector<Case> cases;
  for (const auto& row : rows->rows) {
    auto c = FromRow(row);
    if (!c.ok()) return c.status();
    cases.push_back(*std::move(c));
  }
  return cases;
}

absl::StatusOr<Case> CaseRepository::Update(const Case& changes,
                                            const std::vector<std::string>& mask) {
  if (auto status = CheckText(changes.case_id(), "case.case_id", kMaxIdBytes, true); !status.ok()) {
    return status;
  }
  if (mask.empty()) return absl::InvalidArgumentError("update_mask is required");
  std::vector<std::string> sets;
  std::vector<SqlParam> params;
  for (const auto& path : mask) {
    if (path == "status") {
      if (changes.status() == omnihub::v1::CASE_STATUS_UNSPECIFIED ||
          !omnihub::v1::CaseStatus_IsValid(changes.status())) {
        return absl::InvalidArgumentError("case.status is not a known case status");
      }
      sets.emplace_back("status = ?");
      params.push_back(SqlParam::Text(omnihub::v1::CaseStatus_Name(changes.status())));
    } else if (path == "priority") {
      if (changes.priority() == omnihub::v1::CASE_PRIORITY_UNSPECIFIED ||
          !omnihub::v1::CasePriority_IsValid(changes.priority())) {
        return absl::InvalidArgumentError("case.priority is not a known case priority");
      }
      sets.emplace_back("priority = ?");
      params.push_back(SqlParam::Text(omnihub::v1::CasePriority_Name(changes.priority())));
    } else if (path == "subject") {
      if (auto status = CheckText(changes.subject(), "case.subject", kMaxSubjectBytes, true);
          !status.ok()) {
        return status;
      }
      sets.emplace_back("subject = ?");
      params.push_back(SqlParam::Text(changes.subject()));
    } else if (path == "owner_agent_id") {
      if (auto status =
              CheckText(changes.owner_agent_id(), "case.owner_agent_id", kMaxIdBytes, false);
          !status.ok()) {
        return status;
      }
      sets.emplace_back("owner_agent_id = ?");
      params.push_back(OptionalText(changes.owner_agent_id()));
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("update_mask: '", path,
                       "' cannot be changed (status, priority, subject, "
                       "owner_agent_id can)"));
    }
  }
  sets.emplace_back("updated_at = ?");
  params.push_back(SqlParam::Timestamp(TimeUtil::ToString(store::NowMillis())));
  params.push_back(SqlParam::Text(changes.case_id()));
  const auto deadline = Deadline();
  auto updated = pool_->Run<std::optional<Case>>(
      deadline, [&](Connection& connection) -> absl::StatusOr<std::optional<Case>> {
        auto done = connection.Execute(
            absl::StrCat("UPDATE cases SET ", absl::StrJoin(sets, ", "), " WHERE case_id = ?"),
            params, deadline);
        if (!done.ok()) return done.status();
        return FindOne(connection, "case_id", changes.case_id(), deadline);
      });
  if (!updated.ok()) {
    return absl::Status(updated.status().code(),
                        absl::StrCat("cannot change case ", changes.case_id(),
                                     " in the hub's store: ", updated.status().message()));
  }
  if (!*updated) {
    return absl::NotFoundError(
        absl::StrCat("case.case_id: there is no case '", changes.case_id(), "'"));
  }
  return **updated;
}

}  // namespace omnihub::hub
