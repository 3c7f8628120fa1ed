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

#include "absl/strings/match.h"
#include "adapters/sdk/adapter.h"

namespace omnihub::sdk::testing {

// Answers every Fetch after `latency` with `data` (or `error`), on the executor's threads, and
// every SearchCustomers from `search_hits`. Counts calls, searches and cancellations. Set the
// public members before the first call; thread-safe from then on.
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
  // SearchCustomers (with Capability::kSearch): every hit whose surname (profile.family_name,
  // case-insensitive) and postcode (when asked for) match, after `latency`; or `search_error`.
  std::vector<omnihub::sdk::SearchHit> search_hits;
  absl::Status search_error = absl::OkStatus();

  int searches() const { return searches_.load(); }

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

  void SearchCustomers(const omnihub::sdk::SearchRequest& request,
                       std::shared_ptr<omnihub::sdk::CallContext> context,
                       omnihub::sdk::SearchCallback done) override {
    if (!info_.capabilities.Has(omnihub::sdk::Capability::kSearch)) {
      return omnihub::sdk::Adapter::SearchCustomers(request, std::move(context), std::move(done));
    }
    if (auto valid = omnihub::sdk::ValidateSearchRequest(request, info_.system); !valid.ok()) {
      return done(valid);
    }
    ++searches_;
    auto timer = std::make_shared<boost::asio::steady_timer>(executor_, latency_);
    auto answered = std::make_shared<std::atomic<bool>>(false);
    auto shared_done = std::make_shared<omnihub::sdk::SearchCallback>(std::move(done));
    context->OnCancel([this, timer, answered, shared_done] {
      if (answered->exchange(true)) return;
      ++cancellations_;
      boost::asio::post(timer->get_executor(), [timer] { timer->cancel(); });
      (*shared_done)(absl::CancelledError("cancelled"));
    });
    timer->async_wait(
        [this, timer, answered, shared_done, request](const boost::system::error_code& ec) {
          if (ec || answered->exchange(true)) return;
          if (!search_error.ok()) return (*shared_done)(search_error);
          omnihub::sdk::SearchResult result;
          for (const auto& hit : search_hits) {
            if (!absl::EqualsIgnoreCase(hit.profile.family_name(), request.surname)) continue;
            if (!request.postal_code.empty() &&
                !absl::EqualsIgnoreCase(hit.profile.address().postal_code(), request.postal_code))
              continue;
            if (static_cast<int>(result.hits.size()) == request.limit) {
              result.truncated = true;
              break;
            }
            result.hits.push_back(hit);
          }
          (*shared_done)(std::move(result));
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
  std::atomic<int> searches_{0};
  mutable std::mutex mutex_;
  omnihub::sdk::FetchRequest last_request_;
};

}  // namespace omnihub::sdk::testing
