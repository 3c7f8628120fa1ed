// HubContactsSource: the contacts logged through the hub, as one more source of a customer's
// contacts section (system "hub"). The fan-out and the aggregate cache treat it like a backend's
// adapter, so logged contacts are merged by time with the backends' and get their own
// SourceStatus; its "accounts" are golden customer ids (hub/aggregate/source_accounts.h).
#pragma once

#include "adapters/sdk/adapter.h"
#include "hub/contacts/hub_contacts.h"

namespace omnihub::hub {

// Thread-safe. `contacts` outlives it.
class HubContactsSource final : public omnihub::sdk::Adapter {
 public:
  explicit HubContactsSource(HubContacts& contacts);

  // omnihub::sdk::Adapter: SECTION_CONTACTS only; `account_ids` are the customer's golden id and
  // the ids merged into it; reads on the store's threads. Asked for one order: nothing (OK).
  const omnihub::sdk::AdapterInfo& info() const override { return info_; }
  void Fetch(const omnihub::sdk::FetchRequest& request,
             std::shared_ptr<omnihub::sdk::CallContext> context,
             omnihub::sdk::FetchCallback done) override;

 private:
  HubContacts& contacts_;
  omnihub::sdk::AdapterInfo info_;
};

}  // namespace omnihub::hub
