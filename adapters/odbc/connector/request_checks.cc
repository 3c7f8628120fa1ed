#include "adapters/odbc/connector/request_checks.h"

#include "absl/strings/str_cat.h"
#include "adapters/odbc/value.h"

namespace omnihub::odbc {
namespace {

bool IsUtf8(std::string_view text) {
  return text.find('\0') == std::string_view::npos && Utf8ToUtf16(text).ok();
}

// Control characters (C0 and DEL); line breaks and tabs only where `multiline`.
bool HasControl(std::string_view text, bool multiline) {
  for (unsigned char c : text) {
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

}  // namespace

absl::Status CheckAccountId(const std::string& account) {
  if (account.empty() || account.size() > 64) {
    return absl::InvalidArgumentError(
        absl::StrCat("account id must have 1 to 64 bytes, got ", account.size()));
  }
  if (!IsUtf8(account)) return absl::InvalidArgumentError("account id is not UTF-8 text");
  return absl::OkStatus();
}

absl::Status CheckAddNote(const sdk::ActionRequest& request) {
  if (auto account = CheckAccountId(request.account_id); !account.ok()) return account;
  const std::string& text = request.text;
  if (text.empty()) return absl::InvalidArgumentError("the note text is empty");
  if (text.size() > kMaxNoteBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the note text has ", text.size(), " bytes; at most ", kMaxNoteBytes, " fit"));
  }
  if (!IsUtf8(text)) return absl::InvalidArgumentError("the note text is not UTF-8");
  if (HasControl(text, /*multiline=*/true)) {
    return absl::InvalidArgumentError(
        "the note text holds a control character (only line breaks and tabs are allowed)");
  }
  const std::string& agent = request.agent_id;
  if (agent.size() > kMaxAgentIdBytes || !IsUtf8(agent) || HasControl(agent, false)) {
    return absl::InvalidArgumentError(absl::StrCat("the agent id must be at most ",
                                                   kMaxAgentIdBytes,
                                                   " bytes of text without control "
                                                   "characters"));
  }
  const std::string& key = request.idempotency_key;
  if (key.empty()) {
    return absl::InvalidArgumentError(
        "the idempotency key is required: a retried note with the same key is written once");
  }
  bool printable = key.size() <= kMaxIdempotencyKeyBytes;
  for (char c : key) printable = printable && c > 0x20 && c < 0x7F;
  if (!printable) {
    return absl::InvalidArgumentError(absl::StrCat("the idempotency key must be 1 to ",
                                                   kMaxIdempotencyKeyBytes,
                                                   " printable ASCII characters without spaces"));
  }
  return absl::OkStatus();
}

}  // namespace omnihub::odbc
