#include "hub/contacts/hub_store_source.h"

#include <algorithm>

namespace omnihub::hub {
namespace {

bool Wanted(const omnihub::sdk::FetchRequest& request, omnihub::v1::Section section) {
  return std::find(request.sections.begin(), request.sections.end(), section) !=
         request.sections.end();
}

// The store being unreachable is the source failing, not the request.
absl::Status Unavailable(const absl::Status& status) {
  return absl::UnavailableError(status.message());
}

}  // namespace

HubStoreSource::HubStoreSource(HubContacts& contacts, HubCases& cases)
    : contacts_(contacts),
      cases_(cases),
      info_{kHubSystem, "hub-store",
            omnihub::sdk::Capabilities{omnihub::sdk::Capability::kContacts,
                                       omnihub::sdk::Capability::kCases}} {}

void HubStoreSource::Fetch(const omnihub::sdk::FetchRequest& request,
                           std::shared_ptr<omnihub::sdk::CallContext> context,
                           omnihub::sdk::FetchCallback done) {
  const bool want_contacts = Wanted(request, omnihub::v1::SECTION_CONTACTS);
  const bool want_cases = Wanted(request, omnihub::v1::SECTION_CASES);
  if ((!want_contacts && !want_cases) || !request.order_number.empty()) {
    done(omnihub::sdk::SourceData());
    return;
  }
  const int limit = std::max(request.recent_limit, 1);
  const auto deadline = context->deadline();
  // Cases second, once the contacts (if asked for) are in `data`.
  auto read_cases = [this, ids = request.account_ids, limit, deadline, want_cases,
                     done](omnihub::sdk::SourceData data) mutable {
    if (!want_cases) {
      done(std::move(data));
      return;
    }
    cases_.List(std::move(ids), {omnihub::v1::CASE_STATUS_OPEN, omnihub::v1::CASE_STATUS_PENDING},
                limit, deadline,
                [data = std::move(data),
                 done](absl::StatusOr<std::vector<omnihub::v1::Case>> cases) mutable {
                  if (!cases.ok()) {
                    done(Unavailable(cases.status()));
                    return;
                  }
                  data.cases = *std::move(cases);
                  done(std::move(data));
                });
  };
  if (!want_contacts) {
    read_cases(omnihub::sdk::SourceData());
    return;
  }
  contacts_.List(request.account_ids, limit, deadline,
                 [read_cases = std::move(read_cases),
                  done](absl::StatusOr<std::vector<omnihub::v1::Contact>> contacts) mutable {
                   if (!contacts.ok()) {
                     done(Unavailable(contacts.status()));
                     return;
                   }
                   omnihub::sdk::SourceData data;
                   data.contacts = *std::move(contacts);
                   read_cases(std::move(data));
                 });
}

}  // namespace omnihub::hub
