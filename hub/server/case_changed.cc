#include "hub/server/case_changed.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "hub/common/log.h"
#include "hub/contacts/contact_book.h"

namespace omnihub::hub {

using google::protobuf::util::TimeUtil;

omnihub::v1::Event CaseChangedEvent(const omnihub::v1::Case& c, const std::string& detail,
                                    const CustomerDirectory& directory) {
  omnihub::v1::Event event;
  event.set_event_id(
      absl::StrCat(c.case_id(), "@", TimeUtil::TimestampToMilliseconds(c.updated_at())));
  event.set_type(omnihub::v1::EVENT_TYPE_CASE_CHANGED);
  *event.mutable_occurred_at() = c.updated_at();
  event.set_customer_id(c.customer_id());
  omnihub::v1::CustomerRef ref;
  ref.set_customer_id(c.customer_id());
  ResolveError error;
  if (auto resolved = directory.Resolve(ref, "customer", &error); resolved.ok()) {
    event.set_customer_id(resolved->customer->customer_id);
  }
  event.set_source_system(kHubSystem);
  event.set_subject(c.case_id());
  event.set_detail(detail);
  event.add_affected_sections(omnihub::v1::SECTION_CASES);
  return event;
}

HubCases::ChangedHook CaseChangedHook(ChangeRouter& router, const CustomerDirectory& directory) {
  return [&router, &directory](const omnihub::v1::Case& c, const std::string& detail) {
    LogInfo(absl::StrCat(c.case_id(), " of ", c.customer_id(), ": ", detail));
    router.OnHubEvent(CaseChangedEvent(c, detail, directory));
  };
}

}  // namespace omnihub::hub
