// ContactLoggedHook: what the hub does once a contact is logged through it, before the caller
// hears that it is: the customer's contacts section from the hub's own source ("hub") in the
// aggregate cache gets the contact (when the cache holds that section; otherwise the next read
// fetches it from the store, contact included), which also drops the customer's kept
// GetCustomer360 answers; and WatchEvents subscribers get a CONTACT_LOGGED event.
#pragma once

#include "hub/cache/aggregate_cache.h"
#include "hub/contacts/hub_contacts.h"
#include "hub/events/change_router.h"

namespace omnihub::hub {

// The event for `contact` (event_id and subject: its contact_id; detail: channel, direction and
// agent, never the summary).
omnihub::v1::Event ContactLoggedEvent(const omnihub::v1::Contact& contact);

// `cache` may be null (caching off). Both must outlive the hook.
HubContacts::LoggedHook ContactLoggedHook(AggregateCache* cache, ChangeRouter& router);

// For a contact another hub sharing the store logged: the cache drops the "hub" contacts section
// of the customer it resolves to here (the next read fetches it, contact included: updating it
// could add the contact twice), and watchers get CONTACT_LOGGED. All must outlive the hook.
HubContacts::LoggedHook ContactLearnedHook(AggregateCache* cache, ChangeRouter& router,
                                           const CustomerDirectory& directory);

}  // namespace omnihub::hub
