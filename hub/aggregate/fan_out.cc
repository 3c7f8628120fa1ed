#include "hub/aggregate/fan_out.h"

#include <boost/asio/steady_timer.hpp>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "hub/aggregate/source_accounts.h"

namespace omnihub::hub {
namespace {

using omnihub::sdk::CallContext;
using omnihub::sdk::Clock;

// The shared state of one fan-out; lives until the last callback or timer handler lets go.
class FanOutCall : public FanOutHandle, public std::enable_shared_from_this<FanOutCall> {
 public:
  FanOutCall(boost::asio::any_io_executor executor, Clock::time_point deadline,
             std::vector<SourceOutcome> outcomes,
             std::vector<std::pair<size_t, std::shared_ptr<omnihub::sdk::Adapter>>> calls,
             std::vector<omnihub::sdk::FetchRequest> requests, FanOutDone done)
      : timer_(executor, deadline),
        context_(std::make_shared<CallContext>(deadline)),
        outcomes_(std::move(outcomes)),
        calls_(std::move(calls)),
        requests_(std::move(requests)),
        awaiting_(outcomes_.size(), false),
        pending_(calls_.size()),
        done_(std::move(done)) {
    for (const auto& call : calls_) awaiting_[call.first] = true;
  }

  // omnihub::hub::FanOutHandle
  void Start() override {
    {
      std::lock_guard lock(mutex_);
      if (finished_ || started_) return;  // cancelled before it started, or started twice
      started_ = true;
      started_at_ = Clock::now();
    }
    if (calls_.empty()) {
      Finish(absl::OkStatus());
      return;
    }
    timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
      if (!error) self->Finish(absl::DeadlineExceededError("no answer before the deadline"));
    });
    for (size_t i = 0; i < calls_.size(); ++i) {
      const size_t slot = calls_[i].first;
      calls_[i].second->Fetch(
          requests_[i], context_,
          [self = shared_from_this(), slot](absl::StatusOr<omnihub::sdk::SourceData> result) {
            self->Answer(slot, std::move(result));
          });
    }
  }

  // omnihub::hub::FanOutHandle
  void Cancel() override { Finish(absl::CancelledError("the caller cancelled the request")); }

 private:
  void Answer(size_t slot, absl::StatusOr<omnihub::sdk::SourceData> result) {
    std::unique_lock lock(mutex_);
    if (finished_) return;
    SourceOutcome& outcome = outcomes_[slot];
    outcome.latency = Clock::now() - started_at_;
    outcome.as_of = std::chrono::system_clock::now();
    if (result.ok()) {
      outcome.status = absl::OkStatus();
      outcome.data = *std::move(result);
    } else {
      outcome.status = result.status();
    }
    awaiting_[slot] = false;
    if (--pending_ == 0) {
      lock.unlock();
      Finish(absl::OkStatus());
    }
  }

  // Ends the fan-out: sources that have not answered get `unanswered`.
  void Finish(absl::Status unanswered) {
    std::vector<SourceOutcome> outcomes;
    {
      std::lock_guard lock(mutex_);
      if (finished_) return;
      finished_ = true;
      for (size_t slot = 0; slot < outcomes_.size(); ++slot) {
        if (awaiting_[slot]) outcomes_[slot].status = unanswered;
      }
      outcomes = std::move(outcomes_);
    }
    timer_.cancel();
    if (!unanswered.ok()) context_->Cancel();
    done_(std::move(outcomes));
    done_ = nullptr;
  }

  boost::asio::steady_timer timer_;
  std::shared_ptr<CallContext> context_;
  std::mutex mutex_;
  std::vector<SourceOutcome> outcomes_;
  const std::vector<std::pair<size_t, std::shared_ptr<omnihub::sdk::Adapter>>> calls_;
  const std::vector<omnihub::sdk::FetchRequest> requests_;
  std::vector<bool> awaiting_;  // asked and not answered yet, by slot
  size_t pending_;
  bool started_ = false;
  bool finished_ = false;
  Clock::time_point started_at_;
  FanOutDone done_;
};

}  // namespace

FanOut::FanOut(std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters,
               boost::asio::any_io_executor executor)
    : adapters_(std::move(adapters)), executor_(std::move(executor)) {}

std::shared_ptr<FanOutHandle> FanOut::Run(const GoldenCustomer& customer,
                                          const FanOutRequest& request, Clock::time_point deadline,
                                          FanOutDone done) {
  auto handle = Prepare(customer, request, deadline, std::move(done));
  handle->Start();
  return handle;
}

std::shared_ptr<FanOutHandle> FanOut::Prepare(const GoldenCustomer& customer,
                                              const FanOutRequest& request,
                                              Clock::time_point deadline, FanOutDone done) {
  std::vector<SourceOutcome> outcomes;
  std::vector<std::pair<size_t, std::shared_ptr<omnihub::sdk::Adapter>>> calls;
  std::vector<omnihub::sdk::FetchRequest> requests;
  const auto now = std::chrono::system_clock::now();
  for (const auto& adapter : adapters_) {
    const auto& info = adapter->info();
    std::vector<omnihub::v1::Section> able;
    for (auto section : request.sections) {
      auto capability = omnihub::sdk::CapabilityForSection(section);
      if (capability != omnihub::sdk::Capability::kCount && info.capabilities.Has(capability)) {
        able.push_back(section);
      }
    }
    if (able.empty()) continue;
    SourceOutcome outcome;
    outcome.system = info.system;
    outcome.sections = able;
    outcome.as_of = now;
    auto accounts = SourceAccounts(customer, info.system);
    if (accounts.empty()) {
      outcome.status =
          absl::NotFoundError(absl::StrCat("the customer has no account in ", info.system));
    } else {
      omnihub::sdk::FetchRequest fetch;
      fetch.account_ids = std::move(accounts);
      fetch.sections = able;
      fetch.recent_limit = request.recent_limit;
      fetch.order_number = request.order_number;
      calls.emplace_back(outcomes.size(), adapter);
      requests.push_back(std::move(fetch));
    }
    outcomes.push_back(std::move(outcome));
  }
  return std::make_shared<FanOutCall>(executor_, deadline, std::move(outcomes), std::move(calls),
                                      std::move(requests), std::move(done));
}

}  // namespace omnihub::hub
