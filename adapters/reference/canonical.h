// Helpers the slice mappers share to build canonical protobufs (internal).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sdk/adapter.h"
#include "omnihub/v1/common.pb.h"
#include "tools/simulators/world/world.h"

namespace omnihub::reference {

void SetTime(world::Time time, google::protobuf::Timestamp* out);
void SetMoney(int64_t amount_minor, std::string_view currency, v1::Money* out);
v1::Identifier MakeIdentifier(v1::IdentifierType type, std::string value, std::string system = {});
// True when `request` asks for `section`.
bool Wants(const sdk::FetchRequest& request, v1::Section section);
// recent_limit with the default for non-positive values.
size_t RecentLimit(const sdk::FetchRequest& request);
// Sorts newest first (by `placed_at` / `occurred_at` / `created_at`) and keeps `limit`.
template <typename T, typename TimeOf>
void NewestFirst(std::vector<T>& items, size_t limit, TimeOf time_of) {
  std::stable_sort(items.begin(), items.end(),
                   [&](const T& a, const T& b) { return time_of(b) < time_of(a); });
  if (items.size() > limit) items.resize(limit);
}
std::string JoinNonEmpty(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace omnihub::reference
