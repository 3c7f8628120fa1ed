#include "adapters/http_json/write_calls.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "adapters/http_json/action_call.h"
#include "adapters/http_json/action_checks.h"
#include "adapters/mapping/engine/json_mapper.h"
#include "omnihub/v1/contact.pb.h"
#include "omnihub/v1/order.pb.h"

namespace omnihub::http_json {
namespace {

void MarkReplayed(std::string& detail) {
  absl::StrAppend(&detail, detail.empty() ? "" : " ",
                  "(replayed: the original result of this idempotency key)");
}

// "12.50" from 1250 minor units (two decimals; templates should prefer {amount_minor}).
std::string MajorUnits(int64_t minor) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld", static_cast<long long>(minor / 100),
                static_cast<long long>(minor % 100));
  return buffer;
}

// Finds the operation and checks the request; on failure calls `done` and returns null.
const mapping::engine::CompiledOperation* Prepare(const Backend& backend, const char* name,
                                                  absl::Status checked,
                                                  const sdk::ActCallback& done) {
  const auto* operation = backend.mapping->FindOperation(name);
  if (operation == nullptr) {
    done(
        absl::UnimplementedError(absl::StrCat(backend.system, ": the mapping declares no ", name)));
    return nullptr;
  }
  if (!checked.ok()) {
    done(absl::InvalidArgumentError(
        absl::StrCat(backend.system, " ", name, ": ", checked.message())));
    return nullptr;
  }
  return operation;
}

}  // namespace

void StartAddNote(std::shared_ptr<const Backend> backend, const sdk::ActionRequest& request,
                  std::shared_ptr<sdk::CallContext> context, sdk::ActCallback done) {
  const auto* operation = Prepare(*backend, "add-note", CheckAddNote(request), done);
  if (operation == nullptr) return;
  std::map<std::string, std::string> params = {{"account_id", request.account_id},
                                               {"text", request.text}};
  if (!request.agent_id.empty()) params["agent_id"] = request.agent_id;
  if (!request.order_number.empty()) params["order_number"] = request.order_number;
  if (!request.idempotency_key.empty()) params["idempotency_key"] = request.idempotency_key;
  SendWrite(
      backend, *operation, std::move(params), request.idempotency_key, std::move(context),
      [backend, operation, account = request.account_id,
       done = std::move(done)](absl::StatusOr<WriteAnswer> answer) {
        if (!answer.ok()) {
          done(answer.status());
          return;
        }
        sdk::ActionResponse response;
        if (operation->has_response) {
          v1::Contact note;
          auto mapped = mapping::engine::MapRecord(*operation, answer->body, note);
          if (!mapped.ok()) {
            done(absl::DataLossError(absl::StrCat(
                backend->system, " add-note: the answer cannot be mapped: ", mapped.message())));
            return;
          }
          response.reference = note.contact_id();
        }
        response.detail =
            absl::StrCat("note ", response.reference, response.reference.empty() ? "" : " ",
                         "added to ", backend->system, " account ", account);
        if (answer->replayed) MarkReplayed(response.detail);
        done(std::move(response));
      });
}

void StartGoodwill(std::shared_ptr<const Backend> backend, const sdk::ActionRequest& request,
                   std::shared_ptr<sdk::CallContext> context, sdk::ActCallback done) {
  const auto* operation = Prepare(*backend, "goodwill", CheckGoodwill(request), done);
  if (operation == nullptr) return;
  std::map<std::string, std::string> params = {
      {"account_id", request.account_id},
      {"amount_minor", std::to_string(request.amount.amount_minor())},
      {"amount", MajorUnits(request.amount.amount_minor())},
      {"currency", request.amount.currency_code()},
      {"reason", request.text}};
  if (!request.agent_id.empty()) params["agent_id"] = request.agent_id;
  if (!request.order_number.empty()) params["order_number"] = request.order_number;
  if (!request.idempotency_key.empty()) params["idempotency_key"] = request.idempotency_key;
  SendWrite(
      backend, *operation, std::move(params), request.idempotency_key, std::move(context),
      [backend, operation, done = std::move(done)](absl::StatusOr<WriteAnswer> answer) {
        if (!answer.ok()) {
          done(answer.status());
          return;
        }
        sdk::ActionResponse response;
        if (operation->has_response) {
          v1::ActionResult result;
          auto mapped = mapping::engine::MapRecord(*operation, answer->body, result);
          if (!mapped.ok()) {
            done(absl::DataLossError(absl::StrCat(
                backend->system, " goodwill: the answer cannot be mapped: ", mapped.message())));
            return;
          }
          response.reference = result.reference();
          response.detail = result.detail();
        }
        if (answer->replayed) MarkReplayed(response.detail);
        done(std::move(response));
      });
}

}  // namespace omnihub::http_json
