#include "adapters/http_json/action_checks.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "adapters/http_json/fetch_call.h"
#include "adapters/mapping/engine/json_body_template.h"

namespace omnihub::http_json {
namespace {

bool HasControl(std::string_view text, bool multiline) {
  for (unsigned char c : text) {
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool IsUtf8(std::string_view text) {
  std::string scratch;
  return mapping::engine::AppendJsonEscaped(scratch, text);
}

// Text of 1 to `max` bytes of UTF-8, not only spaces (optional: empty allowed).
absl::Status CheckText(const char* what, const std::string& text, size_t max, bool optional,
                       bool multiline) {
  if (text.empty() && optional) return absl::OkStatus();
  if (absl::StripAsciiWhitespace(text).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(what, " is empty"));
  }
  if (text.size() > max) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " has ", text.size(), " bytes; at most ", max, " are accepted"));
  }
  if (!IsUtf8(text)) return absl::InvalidArgumentError(absl::StrCat(what, " is not UTF-8 text"));
  if (HasControl(text, multiline)) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " holds a control character",
                     multiline ? " (only line breaks and tabs are allowed)" : ""));
  }
  return absl::OkStatus();
}

absl::Status CheckCommon(const sdk::ActionRequest& request) {
  if (auto s = CheckAccountId(request.account_id); !s.ok()) return s;
  if (auto s = CheckText("the agent id", request.agent_id, kMaxAgentIdBytes, true, false);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckText("the order number", request.order_number, 256, true, false); !s.ok()) {
    return s;
  }
  const std::string& key = request.idempotency_key;
  bool printable = key.size() <= kMaxIdempotencyKeyBytes;
  for (char c : key) printable = printable && c > 0x20 && c < 0x7f;
  if (!printable) {
    return absl::InvalidArgumentError(absl::StrCat("the idempotency key must be 1 to ",
                                                   kMaxIdempotencyKeyBytes,
                                                   " printable ASCII characters without spaces"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckAddNote(const sdk::ActionRequest& request) {
  if (auto s = CheckCommon(request); !s.ok()) return s;
  return CheckText("the note text", request.text, kMaxNoteBytes, false, true);
}

absl::Status CheckGoodwill(const sdk::ActionRequest& request) {
  if (auto s = CheckCommon(request); !s.ok()) return s;
  const auto& amount = request.amount;
  if (amount.amount_minor() < 1 || amount.amount_minor() > kMaxGoodwillMinor) {
    return absl::InvalidArgumentError(absl::StrCat("the goodwill amount must be 1 to ",
                                                   kMaxGoodwillMinor, " minor units, got ",
                                                   amount.amount_minor()));
  }
  const std::string& code = amount.currency_code();
  bool iso = code.size() == 3;
  for (char c : code) iso = iso && absl::ascii_isupper(static_cast<unsigned char>(c));
  if (!iso) return absl::InvalidArgumentError("the goodwill currency is not an ISO 4217 code");
  return CheckText("the goodwill reason", request.text, kMaxReasonBytes, false, true);
}

}  // namespace omnihub::http_json
