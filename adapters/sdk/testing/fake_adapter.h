// FakeAdapter: an in-memory adapter with a configurable latency, for tests and benchmarks of the
// request path (it has no backend at all).
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <mutex>

#include "adapters/sdk/adapter.h"

namespace omnihub::sdk::testing {

// Answers every Fetch after `latency` with `data` (or `error`), on the executor's threads.
// Counts calls and cancellations. Thread-safe.
class FakeAdapter : public omnihub::sdk::Adapter {
 public:
  FakeAdapter(boost::asio::any_io_executor executor, std::string system,
              omnihub::sdk::Capabilities capabilities, std::chrono::milliseconds latency)
      : executor_(std::move(executor)), latency_(latency) {
    info_.system = std::move(system);
    info_.type = "fake";
    info_.capabilities = capabilities;
  }

  omnihub::sdk::SourceData data;
  absl::Status error = absl::OkStatus();
  std::vector<omnihub::sdk::AccountIdentity> identities;

  int calls() const { return calls_.load(); }
  int cancellations() const { return cancellations_.load(); }
  omnihub::sdk::FetchRequest last_request() const {
    std::lock_guard lock(mutex_);
    return last_request_;
  }

  // omnihub::sdk::Adapter
  const omnihub::sdk::AdapterInfo& info() const override { return info_; }

  void Fetch(const omnihub::sdk::FetchRequest& request,
             std::shared_ptr<omnihub::sdk::CallContext> context,
             omnihub::sdk::FetchCallback done) override {
    ++calls_;
    {
      std::lock_guard lock(mutex_);
      last_request_ = request;
    }
    auto timer = std::make_shared<boost::asio::steady_timer>(executor_, latency_);
    auto answered = std::make_shared<std::atomic<bool>>(false);
    auto shared_done = std::make_shared<omnihub::sdk::FetchCallback>(std::move(done));
    context->OnCancel([this, timer, answered, shared_done] {
      if (answered->exchange(true)) return;
      ++cancellations_;
      boost::asio::post(timer->get_executor(), [timer] { timer->cancel(); });
      (*shared_done)(absl::CancelledError("cancelled"));
    });
    timer->async_wait([this, timer, answered, shared_done](const boost::system::error_code& ec) {
      if (ec || answered->exchange(true)) return;
      if (error.ok()) {
        (*shared_done)(data);
      } else {
        (*shared_done)(error);
      }
    });
  }

  void ScanIdentities(const std::string& cursor, std::shared_ptr<omnihub::sdk::CallContext> context,
                      omnihub::sdk::ScanCallback done) override {
    omnihub::sdk::IdentityPage page;
    page.accounts = identities;
    done(page);
  }

 private:
  boost::asio::any_io_executor executor_;
  std::chrono::milliseconds latency_;
  omnihub::sdk::AdapterInfo info_;
  std::atomic<int> calls_{0};
  std::atomic<int> cancellations_{0};
  mutable std::mutex mutex_;
  omnihub::sdk::FetchRequest last_request_;
};

}  // namespace omnihub::sdk::testing
