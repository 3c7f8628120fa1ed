#include "hub/contacts/hub_contacts_source.h"

#include <algorithm>

namespace omnihub::hub {

HubContactsSource::HubContactsSource(HubContacts& contacts)
    : contacts_(contacts),
      info_{kHubSystem, "hub-store",
            omnihub::sdk::Capabilities{omnihub::sdk::Capability::kContacts}} {}

void HubContactsSource::Fetch(const omnihub::sdk::FetchRequest& request,
                              std::shared_ptr<omnihub::sdk::CallContext> context,
                              omnihub::sdk::FetchCallback done) {
  const bool wanted = std::find(request.sections.begin(), request.sections.end(),
                                omnihub::v1::SECTION_CONTACTS) != request.sections.end();
  if (!wanted || !request.order_number.empty()) {
    done(omnihub::sdk::SourceData());
    return;
  }
  contacts_.List(
      request.account_ids, std::max(request.recent_limit, 1), context->deadline(),
      [done = std::move(done)](absl::StatusOr<std::vector<omnihub::v1::Contact>> contacts) {
        if (!contacts.ok()) {
          // The store being unreachable is the source failing, not the request.
          done(absl::UnavailableError(contacts.status().message()));
          return;
        }
        omnihub::sdk::SourceData data;
        data.contacts = *std::move(contacts);
        done(std::move(data));
      });
}

}  // namespace omnihub::hub
