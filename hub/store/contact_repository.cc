#include "hub/store/contact_repository.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "hub/store/keyed_insert.h"
#include "hub/store/record_ids.h"

namespace omnihub::hub {
namespace {

using google::protobuf::util::TimeUtil;
using omnihub::odbc::Connection;
using omnihub::odbc::ResultSet;
using omnihub::odbc::SqlParam;
using omnihub::v1::Contact;

constexpr char kColumns[] =
    "contact_id, customer_id, channel, direction, occurred_at, agent_id, summary, case_id";

absl::Status Check(const ContactToLog& request) {
  const Contact& contact = request.contact;
  auto too_long = [](const std::string& value, size_t max, const char* field) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is too long (", value.size(), " bytes, at most ", max, ")"));
  };
  if (contact.customer_id().empty()) {
    return absl::InvalidArgumentError("contact.customer_id is required");
  }
  if (contact.customer_id().size() > kMaxContactIdBytes) {
    return too_long(contact.customer_id(), kMaxContactIdBytes, "contact.customer_id");
  }
  if (request.idempotency_key.empty()) {
    return absl::InvalidArgumentError("idempotency_key is required");
  }
  if (request.idempotency_key.size() > kMaxContactKeyBytes) {
    return too_long(request.idempotency_key, kMaxContactKeyBytes, "idempotency_key");
  }
  if (contact.channel() == omnihub::v1::CONTACT_CHANNEL_UNSPECIFIED ||
      !omnihub::v1::ContactChannel_IsValid(contact.channel())) {
    return absl::InvalidArgumentError(
        absl::StrCat("contact.channel ", contact.channel(), " is not a known contact channel"));
  }
  if (!omnihub::v1::ContactDirection_IsValid(contact.direction())) {
    return absl::InvalidArgumentError(absl::StrCat("contact.direction ", contact.direction(),
                                                   " is not a known contact direction"));
  }
  if (contact.agent_id().empty()) return absl::InvalidArgumentError("contact.agent_id is required");
  if (contact.agent_id().size() > kMaxContactIdBytes) {
    return too_long(contact.agent_id(), kMaxContactIdBytes, "contact.agent_id");
  }
  if (contact.summary().size() > kMaxContactSummaryBytes) {
    return too_long(contact.summary(), kMaxContactSummaryBytes, "contact.summary");
  }
  if (contact.case_id().size() > kMaxContactIdBytes) {
    return too_long(contact.case_id(), kMaxContactIdBytes, "contact.case_id");
  }
  const auto& when = contact.occurred_at();
  if (contact.has_occurred_at() && (when.seconds() < TimeUtil::kTimestampMinSeconds ||
                                    when.seconds() > TimeUtil::kTimestampMaxSeconds ||
                                    when.nanos() < 0 || when.nanos() > 999'999'999)) {
    return absl::InvalidArgumentError("contact.occurred_at is not a valid time");
  }
  return absl::OkStatus();
}

absl::StatusOr<Contact> FromRow(const omnihub::odbc::Row& row) {
  auto text = [&](size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); };
  Contact contact;
  contact.set_contact_id(text(0));
  contact.set_customer_id(text(1));
  omnihub::v1::ContactChannel channel;
  if (!omnihub::v1::ContactChannel_Parse(text(2), &channel)) {
    return absl::DataLossError(
        absl::StrCat("contacts ", text(0), ": unknown channel '", text(2), "'"));
  }
  contact.set_channel(channel);
  omnihub::v1::ContactDirection direction;
  if (!omnihub::v1::ContactDirection_Parse(text(3), &direction)) {
    return absl::DataLossError(
        absl::StrCat("contacts ", text(0), ": unknown direction '", text(3), "'"));
  }
  contact.set_direction(direction);
  if (!TimeUtil::FromString(text(4), contact.mutable_occurred_at())) {
    return absl::DataLossError(
        absl::StrCat("contacts ", text(0), ": occurred_at '", text(4), "' is not a time"));
  }
  contact.set_agent_id(text(5));
  contact.set_summary(text(6));
  contact.set_case_id(text(7));
  contact.set_source_system(kHubSystem);
  return contact;
}

// The fields of `asked` that differ from the contact first logged with its key.
std::vector<std::string> Differences(const Contact& asked, const Contact& first) {
  std::vector<std::string> fields;
  if (asked.customer_id() != first.customer_id()) fields.push_back("customer");
  if (asked.channel() != first.channel()) fields.push_back("channel");
  if (asked.direction() != first.direction()) fields.push_back("direction");
  if (asked.agent_id() != first.agent_id()) fields.push_back("agent_id");
  if (asked.summary() != first.summary()) fields.push_back("summary");
  if (asked.case_id() != first.case_id()) fields.push_back("case_id");
  if (asked.has_occurred_at() && asked.occurred_at() != first.occurred_at()) {
    fields.push_back("occurred_at");
  }
  return fields;
}

absl::StatusOr<std::optional<Contact>> FindByKey(Connection& connection, const std::string& key,
                                                 omnihub::odbc::Clock::time_point deadline) {
  auto found = connection.Query(
      absl::StrCat("SELECT ", kColumns, " FROM contacts WHERE idempotency_key = ?"),
      {SqlParam::Text(key)}, deadline);
  if (!found.ok()) return found.status();
  if (found->rows.empty()) return std::optional<Contact>();
  auto contact = FromRow(found->rows.front());
  if (!contact.ok()) return contact.status();
  return std::optional<Contact>(*std::move(contact));
}

absl::StatusOr<LoggedContact> Repeated(const ContactToLog& request, Contact first) {
  if (auto fields = Differences(request.contact, first); !fields.empty()) {
    return store::ReusedKeyError(request.idempotency_key, "contact", first.contact_id(), fields);
  }
  return LoggedContact{std::move(first), false};
}

}  // namespace

ContactRepository::ContactRepository(std::shared_ptr<omnihub::odbc::ConnectionPool> pool,
                                     std::chrono::milliseconds timeout)
    : pool_(std::move(pool)), timeout_(timeout) {}

omnihub::odbc::Clock::time_point ContactRepository::Deadline() const {
  return omnihub::odbc::Clock::now() + timeout_;
}

absl::StatusOr<LoggedContact> ContactRepository::Log(const ContactToLog& request) {
  if (auto status = Check(request); !status.ok()) return status;
  Contact contact = request.contact;
  const google::protobuf::Timestamp now = store::NowMillis();
  *contact.mutable_occurred_at() =
      contact.has_occurred_at() ? store::ToMillis(contact.occurred_at()) : now;
  contact.set_source_system(kHubSystem);
  ContactToLog asked{contact, request.idempotency_key};
  if (!request.contact.has_occurred_at()) asked.contact.clear_occurred_at();

  const auto deadline = Deadline();
  auto logged = pool_->Run<LoggedContact>(
      deadline, [&](Connection& connection) -> absl::StatusOr<LoggedContact> {
        // A retry finds its first contact without writing.
        auto outcome = store::InsertOncePerKey<Contact>(
            [&] { return FindByKey(connection, request.idempotency_key, deadline); },
            [&]() -> absl::StatusOr<Contact> {
              contact.set_contact_id(store::TimeOrderedId("H"));
              auto inserted = connection.Execute(
                  absl::StrCat(
                      "INSERT INTO contacts (", kColumns,
                      ", idempotency_key, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {SqlParam::Text(contact.contact_id()), SqlParam::Text(contact.customer_id()),
                   SqlParam::Text(omnihub::v1::ContactChannel_Name(contact.channel())),
                   SqlParam::Text(omnihub::v1::ContactDirection_Name(contact.direction())),
                   SqlParam::Timestamp(TimeUtil::ToString(contact.occurred_at())),
                   SqlParam::Text(contact.agent_id()), SqlParam::Text(contact.summary()),
                   contact.case_id().empty() ? SqlParam::Null() : SqlParam::Text(contact.case_id()),
                   SqlParam::Text(request.idempotency_key),
                   SqlParam::Timestamp(TimeUtil::ToString(now))},
                  deadline);
              if (!inserted.ok()) return inserted.status();
              return contact;
            });
        if (!outcome.ok()) return outcome.status();
        if (outcome->second) return LoggedContact{outcome->first, true};
        return Repeated(asked, outcome->first);
      });
  if (!logged.ok() && logged.status().code() != absl::StatusCode::kAlreadyExists) {
    return absl::Status(
        logged.status().code(),
        absl::StrCat("cannot log the contact in the hub's store: ", logged.status().message()));
  }
  return logged;
}

absl::StatusOr<std::vector<Contact>> ContactRepository::List(
    const std::vector<std::string>& customer_ids, int limit) {
  if (customer_ids.empty() || limit <= 0) return std::vector<Contact>();
  if (customer_ids.size() > kMaxListCustomers) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot list the contacts of ", customer_ids.size(),
                     " customer ids at once (at most ", kMaxListCustomers, ")"));
  }
  limit = std::min(limit, kMaxListContacts);
  std::vector<SqlParam> params;
  std::vector<std::string> marks;
  for (const auto& id : customer_ids) {
    params.push_back(SqlParam::Text(id));
    marks.emplace_back("?");
  }
  const auto deadline = Deadline();
  auto rows = pool_->Run<ResultSet>(deadline, [&](Connection& connection) {
    return connection.Query(
        absl::StrCat("SELECT ", kColumns, " FROM contacts WHERE customer_id IN (",
                     absl::StrJoin(marks, ", "),
                     ") ORDER BY occurred_at DESC, contact_id DESC LIMIT ", limit),
        params, deadline);
  });
  if (!rows.ok()) {
    return absl::Status(rows.status().code(),
                        absl::StrCat("cannot read the logged contacts from the hub's store: ",
                                     rows.status().message()));
  }
  std::vector<Contact> contacts;
  for (const auto& row : rows->rows) {
    auto contact = FromRow(row);
    if (!contact.ok()) return contact.status();
    contacts.push_back(*std::move(contact));
  }
  return contacts;
}

absl::StatusOr<std::vector<RecordedContact>> ContactRepository::RecordedSince(
    const google::protobuf::Timestamp& since, int limit) {
  limit = std::clamp(limit, 1, kMaxListContacts);
  const auto deadline = Deadline();
  auto rows = pool_->Run<ResultSet>(deadline, [&](Connection& connection) {
    return connection.Query(absl::StrCat("SELECT ", kColumns,
                                         ", recorded_at FROM contacts WHERE recorded_at >= ? "
                                         "ORDER BY recorded_at, contact_id LIMIT ",
                                         limit),
                            {SqlParam::Timestamp(TimeUtil::ToString(since))}, deadline);
  });
  if (!rows.ok()) {
    return absl::Status(rows.status().code(),
                        absl::StrCat("cannot read the newly logged contacts from the hub's store: ",
                                     rows.status().message()));
  }
  std::vector<RecordedContact> recorded;
  for (const auto& row : rows->rows) {
    auto contact = FromRow(row);
    if (!contact.ok()) return contact.status();
    RecordedContact entry{*std::move(contact), {}};
    const std::string at = row.size() > 8 && row[8] ? *row[8] : std::string();
    if (!TimeUtil::FromString(at, &entry.recorded_at)) {
      return absl::DataLossError(absl::StrCat("contacts ", entry.contact.contact_id(),
                                              ": recorded_at '", at, "' is not a time"));
    }
    recorded.push_back(std::move(entry));
  }
  return recorded;
}

}  // namespace omnihub::hub
