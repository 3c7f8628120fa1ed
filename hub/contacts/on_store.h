// RunOnStore: how the request path hands blocking work to the hub's store threads (the store's
// BlockingExecutor, reached through a StoreSubmit) and gets its answer back through a callback.
// Shared by HubContacts and HubCases.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace omnihub::hub {

// Runs `job` where blocking is allowed (the store's BlockingExecutor::Submit): `job` is called
// once with OK to do the work or with why it will not be done; a non-OK return means `job` will
// never be called.
using StoreSubmit = std::function<absl::Status(std::chrono::steady_clock::time_point deadline,
                                               std::function<void(absl::Status)> job)>;

// Runs `work` through `submit` and hands its answer to `done` on the store thread; or hands
// `done` why it will not run (RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, ...) at once or when admitted.
template <typename T>
void RunOnStore(const StoreSubmit& submit, std::chrono::steady_clock::time_point deadline,
                std::function<absl::StatusOr<T>()> work,
                std::function<void(absl::StatusOr<T>)> done) {
  auto shared_done = std::make_shared<std::function<void(absl::StatusOr<T>)>>(std::move(done));
  auto queued = submit(deadline, [work = std::move(work), shared_done](absl::Status admitted) {
    if (!admitted.ok()) {
      (*shared_done)(std::move(admitted));
      return;
    }
    (*shared_done)(work());
  });
  if (!queued.ok()) (*shared_done)(std::move(queued));
}

}  // namespace omnihub::hub
