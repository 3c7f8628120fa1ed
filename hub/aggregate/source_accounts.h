// SourceAccounts: which ids a source is asked about for a customer.
#pragma once

#include <string>
#include <vector>

#include "hub/contacts/contact_book.h"
#include "hub/identity/identity_index.h"

namespace omnihub::hub {

// A backend's account ids for `customer` (GoldenCustomer::AccountsIn); for the hub's own contacts
// (system "hub", hub/contacts) the customer's golden id and the ids merged into it by agents'
// links, since contacts are kept under the golden id they were logged for. Empty: the customer
// has nothing in `system`.
inline std::vector<std::string> SourceAccounts(const GoldenCustomer& customer,
                                               const std::string& system) {
  if (system != kHubSystem) return customer.AccountsIn(system);
  std::vector<std::string> ids{customer.customer_id};
  ids.insert(ids.end(), customer.merged_ids.begin(), customer.merged_ids.end());
  return ids;
}

}  // namespace omnihub::hub
