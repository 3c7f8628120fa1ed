#include "hub/server/case_changed.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

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

void ApplyCaseToCache(AggregateCache& cache, const std::string& customer_id,
                      const omnihub::v1::Case& c) {
  const bool open =
      c.status() == omnihub::v1::CASE_STATUS_OPEN || c.status() == omnihub::v1::CASE_STATUS_PENDING;
  if (!open) {
    cache.Invalidate(customer_id, kHubSystem, omnihub::v1::SECTION_CASES);
    return;
  }
  cache.Update(
      customer_id, kHubSystem, omnihub::v1::SECTION_CASES, [&](omnihub::sdk::SourceData& data) {
        auto& cases = data.cases;
        std::erase_if(cases, [&](const auto& held) { return held.case_id() == c.case_id(); });
        const int64_t updated = TimeUtil::TimestampToNanoseconds(c.updated_at());
        auto at = std::find_if(cases.begin(), cases.end(), [&](const auto& held) {
          return TimeUtil::TimestampToNanoseconds(held.updated_at()) < updated;
        });
        cases.insert(at, c);
      });
}

HubCases::ChangedHook CaseChangedHook(AggregateCache* cache, ChangeRouter& router,
                                      const CustomerDirectory& directory) {
  return [cache, &router, &directory](const omnihub::v1::Case& c, const std::string& detail) {
    LogInfo(absl::StrCat(c.case_id(), " of ", c.customer_id(), ": ", detail));
    auto event = CaseChangedEvent(c, detail, directory);
    if (cache != nullptr) ApplyCaseToCache(*cache, event.customer_id(), c);
    router.OnHubEvent(std::move(event));
  };
}

HubCases::ChangedHook CaseLearnedHook(AggregateCache* cache, ChangeRouter& router,
                                      const CustomerDirectory& directory) {
  return [cache, &router, &directory](const omnihub::v1::Case& c, const std::string& detail) {
    auto event = CaseChangedEvent(c, detail, directory);
    if (cache != nullptr)
      cache->Invalidate(event.customer_id(), kHubSystem, omnihub::v1::SECTION_CASES);
    router.OnHubEvent(std::move(event));
  };
}

}  // namespace omnihub::hub
