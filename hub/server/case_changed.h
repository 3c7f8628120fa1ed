// CaseChangedHook: what the hub does once a case is opened or changed through it, before the
// caller hears that it is: hubd's log says what changed and who changed it, the customer's open
// cases held by the aggregate cache (the "hub" source's cases section of the Customer 360) follow,
// and WatchEvents subscribers get a CASE_CHANGED event.
#pragma once

#include <string>

#include "hub/cache/aggregate_cache.h"
#include "hub/contacts/hub_cases.h"
#include "hub/events/change_router.h"
#include "hub/identity/customer_directory.h"

namespace omnihub::hub {

// The event for `c` as it is now: event_id "<case_id>@<updated_at in ms>", subject the case_id,
// customer_id the customer the case's id resolves to now (a case opened for a customer merged
// since into another is the survivor's), `detail` as given, section CASES.
omnihub::v1::Event CaseChangedEvent(const omnihub::v1::Case& c, const std::string& detail,
                                    const CustomerDirectory& directory);

// Applies the case as it is now to the cases section `cache` holds for `customer_id` (the
// customer its id resolves to now): a case still OPEN or PENDING takes its place among them (most
// recently updated first); one that is not any more drops the section (the next view reads the
// store again, so a list cut at its limit is filled up).
void ApplyCaseToCache(AggregateCache& cache, const std::string& customer_id,
                      const omnihub::v1::Case& c);

// All must outlive the hook; `cache` may be null (no cache).
HubCases::ChangedHook CaseChangedHook(AggregateCache* cache, ChangeRouter& router,
                                      const CustomerDirectory& directory);

// For a case another hub sharing the store opened or changed (HubCases::Refresh): the customer's
// cached open cases are dropped (the next view reads the store) and watchers get CASE_CHANGED;
// hubd's log is the other hub's. All must outlive the hook; `cache` may be null.
HubCases::ChangedHook CaseLearnedHook(AggregateCache* cache, ChangeRouter& router,
                                      const CustomerDirectory& directory);

}  // namespace omnihub::hub
