#include "adapters/sdk/capability.h"

namespace omnihub::sdk {

std::string_view CapabilityName(Capability capability) {
  switch (capability) {
    case Capability::kProfile:
      return "profile";
    case Capability::kOrders:
      return "orders";
    case Capability::kContacts:
      return "contacts";
    case Capability::kPayments:
      return "payments";
    case Capability::kLoyalty:
      return "loyalty";
    case Capability::kCases:
      return "cases";
    case Capability::kIdentityScan:
      return "identity-scan";
    case Capability::kAddNote:
      return "add-note";
    case Capability::kRefund:
      return "refund";
    case Capability::kCancelOrder:
      return "cancel-order";
    case Capability::kGoodwill:
      return "goodwill";
    case Capability::kSearch:
      return "search";
    case Capability::kCount:
      break;
  }
  return "unknown";
}

Capability CapabilityForSection(omnihub::v1::Section section) {
  switch (section) {
    case omnihub::v1::SECTION_PROFILE:
      return Capability::kProfile;
    case omnihub::v1::SECTION_ORDERS:
      return Capability::kOrders;
    case omnihub::v1::SECTION_CONTACTS:
      return Capability::kContacts;
    case omnihub::v1::SECTION_PAYMENTS:
      return Capability::kPayments;
    case omnihub::v1::SECTION_LOYALTY:
      return Capability::kLoyalty;
    case omnihub::v1::SECTION_CASES:
      return Capability::kCases;
    default:
      return Capability::kCount;
  }
}

}  // namespace omnihub::sdk
