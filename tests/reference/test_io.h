// A process-wide io_context running on background threads for the reference adapter tests, and
// helpers to build adapters and wait for their answers.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <map>
#include <memory>
#include <string>

#include "adapters/sdk/adapter.h"

namespace omnihub::reference::testing {

// The executor of an io_context kept alive (work guard) on two threads until the process exits.
boost::asio::any_io_executor TestExecutor();

// A reference adapter for `slice` with extra settings; fails the test (and returns null) when the
// factory refuses.
std::unique_ptr<sdk::Adapter> MakeAdapter(const std::string& slice,
                                          std::map<std::string, std::string> settings = {});

absl::StatusOr<sdk::IdentityPage> ScanAndWait(sdk::Adapter& adapter, const std::string& cursor);

}  // namespace omnihub::reference::testing
