// The tn3270 connector as the connector tests make it: the shipped mapping
// (mappings/systems/mainframe.xml) against a simulator on 127.0.0.1:`port`, the simulator's
// credentials in the environment.
#pragma once

#include <stdlib.h>

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/tn3270/connector/tn3270_adapter.h"

namespace omnihub::tn3270::testing {

// `settings` override or add to mapping, host and port (e.g. pool_size, tls, tls_ca); `port` 0
// leaves the port to `settings` or the mapping's endpoint.
inline absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakeMainframeAdapter(
    boost::asio::any_io_executor executor, std::uint16_t port,
    std::map<std::string, std::string> settings = {}) {
  setenv("OMNIHUB_MAINFRAME_USER", "CSR0001", 1);
  setenv("OMNIHUB_MAINFRAME_PASSWORD", "OMNIHUB", 1);
  sdk::AdapterConfig config;
  config.system = "mainframe";
  config.type = "tn3270";
  config.origin = "test:1";
  config.settings = {
      {"mapping", std::string(OMNIHUB_SOURCE_DIR) + "/mappings/systems/mainframe.xml"},
      {"host", "127.0.0.1"}};
  if (port != 0) config.settings["port"] = std::to_string(port);
  for (auto& [key, value] : settings) config.settings[key] = value;
  return MakeTn3270Adapter(config, sdk::AdapterEnvironment{std::move(executor)});
}

// Blocks until `adapter` answers one SearchCustomers.
inline absl::StatusOr<sdk::SearchResult> SearchAndWait(sdk::Adapter& adapter,
                                                       const sdk::SearchRequest& request,
                                                       std::shared_ptr<sdk::CallContext> context) {
  std::promise<absl::StatusOr<sdk::SearchResult>> promise;
  adapter.SearchCustomers(
      request, std::move(context),
      [&promise](absl::StatusOr<sdk::SearchResult> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

// Blocks until `adapter` answers one Fetch.
inline absl::StatusOr<sdk::SourceData> FetchAndWait(sdk::Adapter& adapter,
                                                    const sdk::FetchRequest& request,
                                                    std::shared_ptr<sdk::CallContext> context) {
  std::promise<absl::StatusOr<sdk::SourceData>> promise;
  adapter.Fetch(request, std::move(context),
                [&promise](absl::StatusOr<sdk::SourceData> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

// Blocks until `adapter` answers the profile of `account` (5 s deadline).
inline absl::StatusOr<sdk::SourceData> FetchProfile(sdk::Adapter& adapter,
                                                    const std::string& account) {
  sdk::FetchRequest request;
  request.account_ids = {account};
  request.sections = {omnihub::v1::SECTION_PROFILE};
  return FetchAndWait(adapter, request, sdk::CallContext::WithTimeout(std::chrono::seconds(5)));
}

}  // namespace omnihub::tn3270::testing
