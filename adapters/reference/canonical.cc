#include "adapters/reference/canonical.h"

#include <algorithm>

namespace omnihub::reference {

void SetTime(world::Time time, google::protobuf::Timestamp* out) {
  out->set_seconds(time.time_since_epoch().count());
  out->set_nanos(0);
}

void SetMoney(int64_t amount_minor, std::string_view currency, v1::Money* out) {
  out->set_currency_code(std::string(currency));
  out->set_amount_minor(amount_minor);
}

v1::Identifier MakeIdentifier(v1::IdentifierType type, std::string value, std::string system) {
  v1::Identifier identifier;
  identifier.set_type(type);
  identifier.set_value(std::move(value));
  identifier.set_system(std::move(system));
  return identifier;
}

bool Wants(const sdk::FetchRequest& request, v1::Section section) {
  return std::find(request.sections.begin(), request.sections.end(), section) !=
         request.sections.end();
}

size_t RecentLimit(const sdk::FetchRequest& request) {
  return request.recent_limit > 0 ? static_cast<size_t>(request.recent_limit) : 20;
}

std::string JoinNonEmpty(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

}  // namespace omnihub::reference
