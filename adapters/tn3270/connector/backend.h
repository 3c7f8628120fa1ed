// What every call of one tn3270 adapter shares: the system's compiled mapping and its session pool.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <optional>
#include <regex>
#include <string>

#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/tn3270/pool/session_pool.h"

namespace omnihub::tn3270 {

// Immutable after creation (the pool is thread-safe); shared by the adapter and calls in flight.
struct Backend {
  std::string system;
  std::shared_ptr<const mapping::engine::CompiledSystem> mapping;
  std::shared_ptr<SessionPool> pool;
  boost::asio::any_io_executor executor;
  // Account ids must match this in full (validated before anything is typed on a screen).
  std::optional<std::regex> account_pattern;
  std::string account_pattern_text;

  ~Backend() {
    if (pool) pool->Shutdown();
  }
};

}  // namespace omnihub::tn3270
