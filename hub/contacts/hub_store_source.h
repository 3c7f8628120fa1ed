// HubStoreSource: what the hub itself keeps about a customer (system "hub"): the contacts logged
// through it and the cases opened through it, as one more source of the Customer 360's contacts
// and cases sections. The fan-out and the aggregate cache treat it like a backend's adapter, so
// logged contacts are merged by time with the backends', the open cases show in the view, and
// both get their own SourceStatus; its "accounts" are golden customer ids
// (hub/aggregate/source_accounts.h).
#pragma once

#include "adapters/sdk/adapter.h"
#include "hub/contacts/hub_cases.h"
#include "hub/contacts/hub_contacts.h"

namespace omnihub::hub {

// Thread-safe. `contacts` and `cases` outlive it.
class HubStoreSource final : public omnihub::sdk::Adapter {
 public:
  HubStoreSource(HubContacts& contacts, HubCases& cases);

  // omnihub::sdk::Adapter: SECTION_CONTACTS (the `recent_limit` newest) and SECTION_CASES (the
  // `recent_limit` most recently updated of those OPEN or PENDING); `account_ids` are the
  // customer's golden id and the ids merged into it; reads on the store's threads, one section
  // after the other. The store failing is UNAVAILABLE. Asked for one order: nothing (OK).
  const omnihub::sdk::AdapterInfo& info() const override { return info_; }
  void Fetch(const omnihub::sdk::FetchRequest& request,
             std::shared_ptr<omnihub::sdk::CallContext> context,
             omnihub::sdk::FetchCallback done) override;

 private:
  HubContacts& contacts_;
  HubCases& cases_;
  omnihub::sdk::AdapterInfo info_;
};

}  // namespace omnihub::hub
