#include "hub/cache/section_parts.h"

namespace omnihub::hub {

using omnihub::sdk::SourceData;

SourceData SectionPart(const SourceData& data, omnihub::v1::Section section) {
  SourceData part;
  AddSectionPart(data, section, part);
  return part;
}

void AddSectionPart(const SourceData& part, omnihub::v1::Section section, SourceData& into) {
  switch (section) {
    case omnihub::v1::SECTION_PROFILE:
      into.profile = part.profile;
      break;
    case omnihub::v1::SECTION_ORDERS:
      into.orders = part.orders;
      break;
    case omnihub::v1::SECTION_CONTACTS:
      into.contacts = part.contacts;
      break;
    case omnihub::v1::SECTION_PAYMENTS:
      into.payments = part.payments;
      break;
    case omnihub::v1::SECTION_LOYALTY:
      into.loyalty = part.loyalty;
      break;
    case omnihub::v1::SECTION_CASES:
      into.cases = part.cases;
      break;
    default:
      break;
  }
  // Why the section is incomplete travels with it (and a complete part clears an old reason).
  if (auto why = part.incomplete.find(section); why != part.incomplete.end()) {
    into.incomplete[section] = why->second;
  } else {
    into.incomplete.erase(section);
  }
}

size_t SectionItemCount(const SourceData& part, omnihub::v1::Section section) {
  switch (section) {
    case omnihub::v1::SECTION_ORDERS:
      return part.orders.size();
    case omnihub::v1::SECTION_CONTACTS:
      return part.contacts.size();
    case omnihub::v1::SECTION_PAYMENTS:
      return part.payments.size();
    case omnihub::v1::SECTION_CASES:
      return part.cases.size();
    default:
      return 0;
  }
}

bool IsListSection(omnihub::v1::Section section) {
  return section == omnihub::v1::SECTION_ORDERS || section == omnihub::v1::SECTION_CONTACTS ||
         section == omnihub::v1::SECTION_PAYMENTS || section == omnihub::v1::SECTION_CASES;
}

size_t SectionPartBytes(const SourceData& part) {
  size_t bytes = sizeof(SourceData);
  if (part.profile) bytes += part.profile->SpaceUsedLong() - sizeof(omnihub::v1::Customer);
  if (part.loyalty) bytes += part.loyalty->SpaceUsedLong() - sizeof(omnihub::v1::LoyaltySummary);
  auto list = [&bytes](const auto& items) {
    using Item = typename std::decay_t<decltype(items)>::value_type;
    bytes += (items.capacity() - items.size()) * sizeof(Item);
    for (const auto& item : items) bytes += item.SpaceUsedLong();
  };
  list(part.orders);
  list(part.contacts);
  list(part.payments);
  list(part.cases);
  for (const auto& [section, why] : part.incomplete) bytes += 64 + why.capacity();
  return bytes;
}

}  // namespace omnihub::hub
