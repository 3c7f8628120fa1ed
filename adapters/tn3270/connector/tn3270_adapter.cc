#include "adapters/tn3270/connector/tn3270_adapter.h"

#include <boost/asio/post.hpp>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/table_mapper.h"
#include "adapters/sdk/utf8.h"
#include "adapters/tn3270/connector/customer_search.h"
#include "adapters/tn3270/connector/session_call.h"

namespace omnihub::tn3270 {
namespace {

namespace engine = mapping::engine;
namespace v1 = omnihub::v1;

bool Wants(const sdk::FetchRequest& request, v1::Section section) {
  for (auto wanted : request.sections) {
    if (wanted == section) return true;
  }
  return false;
}

// A mapper's complaint about what a screen held is the backend's fault, not the caller's.
absl::Status MappingFailed(const std::string& system, const std::string& operation,
                           const absl::Status& status) {
  if (status.code() == absl::StatusCode::kNotFound) return status;
  return absl::DataLossError(absl::StrCat(
      system, " ", operation, ": what the screens showed could not be mapped: ", status.message()));
}

// An account id as it may appear in a message: printable ASCII, at most 40 characters.
std::string Printable(const std::string& text) {
  std::string out;
  for (unsigned char c : text.substr(0, 40))
    out.push_back(c >= 0x20 && c <= 0x7E ? static_cast<char>(c) : '?');
  if (text.size() > 40) out += "...";
  return out;
}

engine::TableSet Tables(ScriptResult& result) {
  engine::TableSet tables;
  tables.main = std::move(result.table);
  return tables;
}

}  // namespace

Tn3270Adapter::Tn3270Adapter(std::shared_ptr<const Backend> backend)
    : backend_(std::move(backend)) {
  info_.system = backend_->system;
  info_.type = "tn3270";
  const auto& mapping = *backend_->mapping;
  if (mapping.FindOperation("get-customer")) info_.capabilities.Add(sdk::Capability::kProfile);
  if (mapping.FindOperation("list-contacts")) info_.capabilities.Add(sdk::Capability::kContacts);
  if (mapping.FindOperation("get-loyalty")) info_.capabilities.Add(sdk::Capability::kLoyalty);
  if (mapping.FindOperation("add-note")) info_.capabilities.Add(sdk::Capability::kAddNote);
  if (mapping.FindOperation("search-customers")) info_.capabilities.Add(sdk::Capability::kSearch);
}

absl::Status Tn3270Adapter::ValidateAccount(const std::string& account) const {
  if (backend_->account_pattern) {
    if (!std::regex_match(account, *backend_->account_pattern)) {
      return absl::InvalidArgumentError(absl::StrCat(info_.system, ": account id '",
                                                     Printable(account), "' does not match ",
                                                     backend_->account_pattern_text));
    }
    return absl::OkStatus();
  }
  if (account.empty() || account.size() > 64) {
    return absl::InvalidArgumentError(absl::StrCat(
        info_.system, ": an account id must have 1 to 64 characters, got ", account.size()));
  }
  for (unsigned char c : account) {
    if (c < 0x20 || c > 0x7E) {
      return absl::InvalidArgumentError(absl::StrCat(
          info_.system, ": account ids are printable ASCII; got '", Printable(account), "'"));
    }
  }
  return absl::OkStatus();
}

void Tn3270Adapter::Fetch(const sdk::FetchRequest& request,
                          std::shared_ptr<sdk::CallContext> context, sdk::FetchCallback done) {
  auto answer = [this, &done](absl::Status status) {
    boost::asio::post(backend_->executor,
                      [done = std::move(done), status = std::move(status)] { done(status); });
  };
  if (request.account_ids.empty()) {
    return answer(absl::InvalidArgumentError(info_.system + ": no account id given"));
  }
  const std::string& account = request.account_ids.front();
  if (absl::Status valid = ValidateAccount(account); !valid.ok()) return answer(valid);

  const auto& mapping = *backend_->mapping;
  auto data = std::make_shared<sdk::SourceData>();
  const std::string system = info_.system;
  std::vector<OperationRun> runs;
  const std::map<std::string, std::string> values = {{"account_id", account}};
  if (Wants(request, v1::SECTION_PROFILE)) {
    if (const auto* op = mapping.FindOperation("get-customer")) {
      runs.push_back({op, values, [op, data, system](ScriptResult& result) {
                        auto customer = engine::MapTableCustomer(*op, Tables(result));
                        if (!customer.ok())
                          return MappingFailed(system, op->name, customer.status());
                        data->profile = *std::move(customer);
                        return absl::OkStatus();
                      }});
    }
  }
  if (Wants(request, v1::SECTION_LOYALTY)) {
    if (const auto* op = mapping.FindOperation("get-loyalty")) {
      runs.push_back({op, values, [op, data, system](ScriptResult& result) {
                        v1::LoyaltySummary loyalty;
                        absl::Status mapped = engine::MapTableRecord(*op, Tables(result), loyalty);
                        if (!mapped.ok()) return MappingFailed(system, op->name, mapped);
                        data->loyalty = std::move(loyalty);
                        return absl::OkStatus();
                      }});
    }
  }
  if (Wants(request, v1::SECTION_CONTACTS)) {
    if (const auto* op = mapping.FindOperation("list-contacts")) {
      const int limit = std::max(0, request.recent_limit);
      runs.push_back({op, values, [op, data, system, limit](ScriptResult& result) {
                        auto contacts = engine::MapTableContacts(*op, Tables(result));
                        if (!contacts.ok())
                          return MappingFailed(system, op->name, contacts.status());
                        if (static_cast<int>(contacts->size()) > limit) contacts->resize(limit);
                        data->contacts = *std::move(contacts);
                        return absl::OkStatus();
                      }});
    }
  }
  if (runs.empty()) {
    boost::asio::post(backend_->executor, [done = std::move(done)] { done(sdk::SourceData{}); });
    return;
  }
  RunOperations(backend_, std::move(context), std::move(runs),
                [data, done = std::move(done)](absl::Status status) {
                  if (!status.ok()) return done(status);
                  done(std::move(*data));
                });
}

void Tn3270Adapter::Act(const sdk::ActionRequest& request,
                        std::shared_ptr<sdk::CallContext> context, sdk::ActCallback done) {
  auto answer = [this, &done](absl::Status status) {
    boost::asio::post(backend_->executor,
                      [done = std::move(done), status = std::move(status)] { done(status); });
  };
  const auto* op = backend_->mapping->FindOperation("add-note");
  if (request.kind != sdk::ActionRequest::Kind::kAddNote || op == nullptr) {
    return answer(absl::UnimplementedError(info_.system + " supports only adding notes"));
  }
  if (absl::Status valid = ValidateAccount(request.account_id); !valid.ok()) return answer(valid);
  if (request.text.empty())
    return answer(absl::InvalidArgumentError(info_.system + ": the note is empty"));
  if (!sdk::IsValidUtf8(request.text)) {
    return answer(absl::InvalidArgumentError(info_.system + ": the note is not valid UTF-8"));
  }
  for (unsigned char c : request.text) {
    if (c < 0x20 || c == 0x7F) {
      return answer(absl::InvalidArgumentError(
          info_.system + ": the note holds a control character (one line of text expected)"));
    }
  }
  const std::string account = request.account_id;
  const std::string system = info_.system;
  std::vector<OperationRun> runs;
  runs.push_back({op,
                  {{"account_id", request.account_id},
                   {"text", request.text},
                   {"agent_id", request.agent_id},
                   {"idempotency_key", request.idempotency_key}},
                  [](ScriptResult&) { return absl::OkStatus(); }});
  RunOperations(backend_, std::move(context), std::move(runs),
                [account, system, done = std::move(done)](absl::Status status) {
                  if (!status.ok()) return done(status);
                  sdk::ActionResponse response;
                  response.reference = account;
                  response.detail = absl::StrCat("note added to ", system, " account ", account);
                  done(std::move(response));
                });
}

void Tn3270Adapter::SearchCustomers(const sdk::SearchRequest& request,
                                    std::shared_ptr<sdk::CallContext> context,
                                    sdk::SearchCallback done) {
  const auto* op = backend_->mapping->FindOperation("search-customers");
  if (op == nullptr) return sdk::Adapter::SearchCustomers(request, context, std::move(done));
  SearchOnHost(backend_, op, request, std::move(context), std::move(done));
}

}  // namespace omnihub::tn3270
