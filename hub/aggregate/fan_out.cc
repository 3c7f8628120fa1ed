#include "hub/aggregate/fan_out.h"

#include "absl/strings/str_cat.h"
#include "hub/aggregate/parallel_calls.h"
#include "hub/aggregate/source_accounts.h"

namespace omnihub::hub {
namespace {

using omnihub::sdk::CallContext;
using omnihub::sdk::Clock;

// One fan-out: call i asks calls[i].second and fills outcomes[calls[i].first].
class FanOutCall : public ParallelCalls {
 public:
  FanOutCall(boost::asio::any_io_executor executor, Clock::time_point deadline,
             std::vector<SourceOutcome> outcomes,
             std::vector<std::pair<size_t, std::shared_ptr<omnihub::sdk::Adapter>>> calls,
             std::vector<omnihub::sdk::FetchRequest> requests, FanOutDone done)
      : ParallelCalls(std::move(executor), deadline, calls.size()),
        outcomes_(std::move(outcomes)),
        calls_(std::move(calls)),
        requests_(std::move(requests)),
        done_(std::move(done)) {}

 private:
  // omnihub::hub::ParallelCalls
  void Launch(size_t call, std::shared_ptr<CallContext> context) override {
    calls_[call].second->Fetch(requests_[call], std::move(context),
                               [self = std::static_pointer_cast<FanOutCall>(shared_from_this()),
                                call](absl::StatusOr<omnihub::sdk::SourceData> result) {
                                 self->Answer(call, [&](Clock::duration latency) {
                                   SourceOutcome& outcome =
                                       self->outcomes_[self->calls_[call].first];
                                   outcome.latency = latency;
                                   outcome.as_of = std::chrono::system_clock::now();
                                   if (result.ok()) {
                                     outcome.status = absl::OkStatus();
                                     outcome.data = *std::move(result);
                                   } else {
                                     outcome.status = result.status();
                                   }
                                 });
                               });
  }
  void Finished(const std::vector<size_t>& open, absl::Status status) override {
    for (size_t call : open) outcomes_[calls_[call].first].status = status;
    done_(std::move(outcomes_));
    done_ = nullptr;
  }

  std::vector<SourceOutcome> outcomes_;
  const std::vector<std::pair<size_t, std::shared_ptr<omnihub::sdk::Adapter>>> calls_;
  const std::vector<omnihub::sdk::FetchRequest> requests_;
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
