#include "tools/simulators/ecommerce/customer_body.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace omnihub::ecommerce_sim {
namespace {

using nlohmann::json;

constexpr size_t kMaxEmailBytes = 254;
constexpr size_t kMaxPhoneBytes = 40;
constexpr size_t kMaxNameBytes = 255;
constexpr size_t kMaxFacebookIdBytes = 64;

std::string Trimmed(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

bool ValidEmail(const std::string& email) {
  if (email.empty() || email.size() > kMaxEmailBytes) return false;
  const size_t at = email.find('@');
  if (at == 0 || at == std::string::npos || email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  const std::string_view domain = std::string_view(email).substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == 0 || dot == std::string_view::npos || dot + 1 == domain.size()) return false;
  return std::all_of(email.begin(), email.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > ' ' && byte != 127 && c != ',' && c != ';' && c != '<' && c != '>';
  });
}

bool ValidPhone(const std::string& phone) {
  if (phone.size() > kMaxPhoneBytes) return false;
  size_t digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (std::string_view(" +()-.").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return digits >= 6;
}

bool ValidName(const std::string& name) {
  return name.size() <= kMaxNameBytes && std::none_of(name.begin(), name.end(), [](char c) {
           const auto byte = static_cast<unsigned char>(c);
           return byte < ' ' || byte == 127;
         });
}

bool ValidTwitterHandle(const std::string& handle) {
  const std::string_view name = std::string_view(handle).substr(handle.starts_with('@') ? 1 : 0);
  return !name.empty() && name.size() <= 15 && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool ValidFacebookId(const std::string& id) {
  return id.size() <= kMaxFacebookIdBytes && std::all_of(id.begin(), id.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '.';
         });
}

struct Field {
  const char* name;
  std::optional<std::string> CustomerChanges::*member;
  bool (*valid)(const std::string&);
  const char* rule;
};

const Field kFields[] = {
    {"email", &CustomerChanges::email, ValidEmail,
     "must be an e-mail address (local@domain.tld, at most 254 bytes, no spaces)"},
    {"phone", &CustomerChanges::phone, ValidPhone,
     "must be a phone number (at most 40 bytes of digits, spaces and +()-., 6 or more digits)"},
    {"first_name", &CustomerChanges::first_name, ValidName,
     "must be text of at most 255 bytes without control characters"},
    {"last_name", &CustomerChanges::last_name, ValidName,
     "must be text of at most 255 bytes without control characters"},
    {"twitter_handle", &CustomerChanges::twitter_handle, ValidTwitterHandle,
     "must be a Twitter handle (an optional @ and 1 to 15 letters, digits or _)"},
    {"facebook_id", &CustomerChanges::facebook_id, ValidFacebookId,
     "must be 1 to 64 letters, digits or ."},
};

CustomerBody Refused(int status, std::string field, std::string message) {
  CustomerBody body;
  body.error = CustomerBodyError{status, std::move(field), std::move(message)};
  return body;
}

}  // namespace

CustomerBody ReadCustomerBody(std::string_view text, bool creating) {
  const json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Refused(400, "customer", "the body is not valid JSON (UTF-8)");
  if (!body.is_object() || !body.contains("customer") || !body["customer"].is_object()) {
    return Refused(400, "customer", "the body must be {\"customer\": {...}}");
  }
  const json& fields = body["customer"];
  CustomerBody out;
  for (const Field& field : kFields) {
    const auto it = fields.find(field.name);
    if (it == fields.end()) continue;
    const bool email = field.member == &CustomerChanges::email;
    if (it->is_null() || (it->is_string() && Trimmed(it->get<std::string>()).empty())) {
      if (email) return Refused(422, "email", "can't be blank");
      out.changes.*field.member = "";
      continue;
    }
    if (!it->is_string()) return Refused(422, field.name, "must be a string");
    std::string value = Trimmed(it->get<std::string>());
    if (!field.valid(value)) return Refused(422, field.name, field.rule);
    out.changes.*field.member = std::move(value);
  }
  if (creating && !out.changes.email) return Refused(422, "email", "can't be blank");
  return out;
}

}  // namespace omnihub::ecommerce_sim
