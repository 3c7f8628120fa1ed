#include "tests/reference/test_io.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>
#include <vector>

#include "adapters/reference/reference_adapter.h"

namespace omnihub::reference::testing {
namespace {

class TestIo {
 public:
  TestIo() : guard_(io_.get_executor()) {
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  ~TestIo() {
    guard_.reset();
    io_.stop();
    for (auto& thread : threads_) thread.join();
  }
  boost::asio::any_io_executor executor() { return io_.get_executor(); }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::vector<std::thread> threads_;
};

}  // namespace

boost::asio::any_io_executor TestExecutor() {
  static TestIo io;
  return io.executor();
}

std::unique_ptr<sdk::Adapter> MakeAdapter(const std::string& slice,
                                          std::map<std::string, std::string> settings) {
  sdk::AdapterConfig config;
  config.system = slice;
  config.type = "reference";
  config.origin = "test:1";
  config.settings = std::move(settings);
  config.settings["slice"] = slice;
  auto adapter = MakeReferenceAdapter(config, sdk::AdapterEnvironment{TestExecutor()});
  EXPECT_TRUE(adapter.ok()) << adapter.status();
  return adapter.ok() ? std::move(*adapter) : nullptr;
}

absl::StatusOr<sdk::IdentityPage> ScanAndWait(sdk::Adapter& adapter, const std::string& cursor) {
  std::promise<absl::StatusOr<sdk::IdentityPage>> promise;
  auto future = promise.get_future();
  adapter.ScanIdentities(
      cursor, sdk::CallContext::WithTimeout(std::chrono::seconds(10)),
      [&promise](absl::StatusOr<sdk::IdentityPage> page) { promise.set_value(std::move(page)); });
  return future.get();
}

}  // namespace omnihub::reference::testing
