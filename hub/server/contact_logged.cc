#include "hub/server/contact_logged.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace omnihub::hub {

using google::protobuf::util::TimeUtil;

omnihub::v1::Event ContactLoggedEvent(const omnihub::v1::Contact& contact) {
  omnihub::v1::Event event;
  event.set_event_id(contact.contact_id());
  event.set_type(omnihub::v1::EVENT_TYPE_CONTACT_LOGGED);
  *event.mutable_occurred_at() = TimeUtil::GetCurrentTime();
  event.set_customer_id(contact.customer_id());
  event.set_source_system(contact.source_system());
  event.set_subject(contact.contact_id());
  event.set_detail(absl::StrCat(omnihub::v1::ContactChannel_Name(contact.channel()), " ",
                                omnihub::v1::ContactDirection_Name(contact.direction()),
                                " contact logged by agent ", contact.agent_id()));
  event.add_affected_sections(omnihub::v1::SECTION_CONTACTS);
  return event;
}

HubContacts::LoggedHook ContactLoggedHook(AggregateCache* cache, ChangeRouter& router) {
  return [cache, &router](const omnihub::v1::Contact& contact) {
    if (cache != nullptr) {
      cache->Update(contact.customer_id(), kHubSystem, omnihub::v1::SECTION_CONTACTS,
                    [&](omnihub::sdk::SourceData& data) {
                      auto& contacts = data.contacts;
                      // Newest first, as the store lists them.
                      auto at = std::find_if(contacts.begin(), contacts.end(), [&](const auto& c) {
                        return TimeUtil::TimestampToNanoseconds(c.occurred_at()) <
                               TimeUtil::TimestampToNanoseconds(contact.occurred_at());
                      });
                      contacts.insert(at, contact);
                    });
    }
    router.OnHubEvent(ContactLoggedEvent(contact));
  };
}

HubContacts::LoggedHook ContactLearnedHook(AggregateCache* cache, ChangeRouter& router,
                                           const CustomerDirectory& directory) {
  return [cache, &router, &directory](const omnihub::v1::Contact& logged) {
    omnihub::v1::Contact contact = logged;
    omnihub::v1::CustomerRef ref;
    ref.set_customer_id(contact.customer_id());
    ResolveError error;
    // Merged here into another customer: that is whose view shows it.
    if (auto resolved = directory.Resolve(ref, "customer", &error); resolved.ok()) {
      contact.set_customer_id(resolved->customer->customer_id);
    }
    if (cache != nullptr) {
      cache->Invalidate(contact.customer_id(), kHubSystem, omnihub::v1::SECTION_CONTACTS);
    }
    router.OnHubEvent(ContactLoggedEvent(contact));
  };
}

}  // namespace omnihub::hub
