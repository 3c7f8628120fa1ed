// CaseChangedHook: what the hub does once a case is opened or changed through it, before the
// caller hears that it is: hubd's log says what changed and who changed it, and WatchEvents
// subscribers get a CASE_CHANGED event. (Cases are read from the store on every call, so no cache
// is touched.)
#pragma once

#include <string>

#include "hub/contacts/hub_cases.h"
#include "hub/events/change_router.h"
#include "hub/identity/customer_directory.h"

namespace omnihub::hub {

// The event for `c` as it is now: event_id "<case_id>@<updated_at in ms>", subject the case_id,
// customer_id the customer the case's id resolves to now (a case opened for a customer merged
// since into another is the survivor's), `detail` as given, section CASES.
omnihub::v1::Event CaseChangedEvent(const omnihub::v1::Case& c, const std::string& detail,
                                    const CustomerDirectory& directory);

// Both must outlive the hook.
HubCases::ChangedHook CaseChangedHook(ChangeRouter& router, const CustomerDirectory& directory);

}  // namespace omnihub::hub
