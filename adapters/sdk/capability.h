// Capability: what an adapter can do, declared up front so the hub asks only adapters able to
// answer.
#pragma once

#include <bitset>
#include <initializer_list>
#include <string_view>

#include "omnihub/v1/common.pb.h"

namespace omnihub::sdk {

enum class Capability {
  kProfile = 0,   // customer profile fields (SECTION_PROFILE)
  kOrders,        // orders with lines, shipments, invoices (SECTION_ORDERS)
  kContacts,      // contact history: notes, visits (SECTION_CONTACTS)
  kPayments,      // payments, refunds, fraud (SECTION_PAYMENTS)
  kLoyalty,       // loyalty card and store-card account (SECTION_LOYALTY)
  kCases,         // service cases (SECTION_CASES): the hub's own store keeps them
  kIdentityScan,  // can enumerate its accounts and their identifiers (builds the identity index)
  kAddNote,       // action: add a note to an account
  kRefund,        // action: refund a payment or order
  kCancelOrder,   // action: cancel an order
  kGoodwill,      // action: coupon, free shipping
  kSearch,        // can search its customers by surname and postcode (SearchCustomers)
  kCount          // not a capability: the number of them
};

std::string_view CapabilityName(Capability capability);

// The capability that provides a Customer 360 section; kCount for sections no adapter provides.
Capability CapabilityForSection(omnihub::v1::Section section);

// A set of capabilities.
class Capabilities {
 public:
  Capabilities() = default;
  Capabilities(std::initializer_list<Capability> list) {
    for (auto capability : list) Add(capability);
  }
  void Add(Capability capability) { bits_.set(static_cast<size_t>(capability)); }
  bool Has(Capability capability) const { return bits_.test(static_cast<size_t>(capability)); }
  bool empty() const { return bits_.none(); }

 private:
  std::bitset<static_cast<size_t>(Capability::kCount)> bits_;
};

}  // namespace omnihub::sdk
