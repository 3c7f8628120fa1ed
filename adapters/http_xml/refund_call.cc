#include "adapters/http_xml/refund_call.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/xml_mapper.h"

namespace omnihub::http_xml {
namespace {

// "12.50" from 1250 minor units with 2 decimals (the gateway's currencies all have 2 here; the
// minor units are what the template should use).
std::string MajorUnits(int64_t minor) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld", static_cast<long long>(minor / 100),
                static_cast<long long>(minor % 100));
  return buffer;
}

absl::Status CheckRequest(const sdk::ActionRequest& request) {
  if (auto s = CheckReference("the order number", request.order_number); !s.ok()) return s;
  if (auto s = CheckReference("the idempotency key", request.idempotency_key); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        s.message(), " (a refund is sent with its idempotency key as the merchant reference)"));
  }
  const auto& amount = request.amount;
  const bool given = !amount.currency_code().empty() || amount.amount_minor() != 0;
  if (given) {
    if (amount.amount_minor() <= 0) {
      return absl::InvalidArgumentError("a refund amount must be positive");
    }
    const std::string& code = amount.currency_code();
    if (code.size() != 3 || !absl::ascii_isupper(static_cast<unsigned char>(code[0])) ||
        !absl::ascii_isupper(static_cast<unsigned char>(code[1])) ||
        !absl::ascii_isupper(static_cast<unsigned char>(code[2]))) {
      return absl::InvalidArgumentError(
          absl::StrCat("the refund currency '", code, "' is not an ISO 4217 code"));
    }
  }
  for (const std::string* text : {&request.text, &request.agent_id, &request.account_id}) {
    if (text->size() > 1000) return absl::InvalidArgumentError("a refund field is over 1000 bytes");
  }
  return absl::OkStatus();
}

}  // namespace

void StartRefund(std::shared_ptr<const Backend> backend, const sdk::ActionRequest& request,
                 std::shared_ptr<sdk::CallContext> context, sdk::ActCallback done) {
  const auto* operation = backend->mapping->FindOperation("refund");
  if (operation == nullptr) {
    done(absl::UnimplementedError(backend->system + ": the mapping declares no refund"));
    return;
  }
  if (auto status = CheckRequest(request); !status.ok()) {
    done(absl::InvalidArgumentError(absl::StrCat(backend->system, " refund: ", status.message())));
    return;
  }
  std::map<std::string, std::string> params = {{"order_number", request.order_number},
                                               {"idempotency_key", request.idempotency_key},
                                               {"account_id", request.account_id},
                                               {"agent_id", request.agent_id},
                                               {"reason", request.text}};
  if (request.amount.amount_minor() > 0) {
    params["amount_minor"] = std::to_string(request.amount.amount_minor());
    params["amount"] = MajorUnits(request.amount.amount_minor());
    params["currency"] = request.amount.currency_code();
  }
  auto result = std::make_shared<sdk::ActionResponse>();
  RunOperation(
      backend, *operation, std::move(params), 1,
      // The merchant reference makes the POST safe to repeat: the gateway replays the result.
      /*idempotent=*/true, std::move(context),
      [backend, operation,
       result](const mapping::engine::XmlAnswer& answer) -> absl::StatusOr<bool> {
        if (!operation->has_response) return false;
        v1::ActionResult action;
        auto status = mapping::engine::MapXmlRecord(*backend->mapping, *operation, answer, action);
        if (!status.ok()) {
          return absl::DataLossError(absl::StrCat(
              backend->system, " refund: the answer cannot be mapped: ", status.message()));
        }
        result->reference = action.reference();
        result->detail = action.detail();
        if (action.replayed()) {
          absl::StrAppend(&result->detail, result->detail.empty() ? "" : " ",
                          "(replayed: the original result of this idempotency key)");
        }
        return false;
      },
      [result, done = std::move(done)](absl::Status status, std::string) {
        if (!status.ok()) {
          done(status);
          return;
        }
        done(std::move(*result));
      });
}

}  // namespace omnihub::http_xml
