#include "hub/aggregate/search_fan_out.h"

#include "hub/aggregate/parallel_calls.h"

namespace omnihub::hub {
namespace {

using omnihub::sdk::CallContext;
using omnihub::sdk::Clock;

// One search fan-out: call i asks adapters[i].
class SearchCall : public ParallelCalls {
 public:
  SearchCall(boost::asio::any_io_executor executor, Clock::time_point deadline,
             std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters,
             omnihub::sdk::SearchRequest request, SearchFanOutDone done)
      : ParallelCalls(std::move(executor), deadline, adapters.size()),
        adapters_(std::move(adapters)),
        request_(std::move(request)),
        outcomes_(adapters_.size()),
        done_(std::move(done)) {
    const auto now = std::chrono::system_clock::now();
    for (size_t i = 0; i < adapters_.size(); ++i) {
      outcomes_[i].source.system = adapters_[i]->info().system;
      outcomes_[i].source.as_of = now;
    }
  }

 private:
  // omnihub::hub::ParallelCalls
  void Launch(size_t call, std::shared_ptr<CallContext> context) override {
    adapters_[call]->SearchCustomers(
        request_, std::move(context),
        [self = std::static_pointer_cast<SearchCall>(shared_from_this()),
         call](absl::StatusOr<omnihub::sdk::SearchResult> result) {
          self->Answer(call, [&](Clock::duration latency) {
            SearchOutcome& outcome = self->outcomes_[call];
            outcome.source.latency = latency;
            outcome.source.as_of = std::chrono::system_clock::now();
            if (result.ok()) {
              outcome.result = *std::move(result);
            } else {
              outcome.source.status = result.status();
            }
          });
        });
  }
  void Finished(const std::vector<size_t>& open, absl::Status status) override {
    for (size_t call : open) outcomes_[call].source.status = status;
    done_(std::move(outcomes_));
    done_ = nullptr;
  }

  const std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters_;
  const omnihub::sdk::SearchRequest request_;
  std::vector<SearchOutcome> outcomes_;
  SearchFanOutDone done_;
};

}  // namespace

SearchFanOut::SearchFanOut(const std::vector<std::shared_ptr<omnihub::sdk::Adapter>>& adapters,
                           boost::asio::any_io_executor executor)
    : executor_(std::move(executor)) {
  for (const auto& adapter : adapters) {
    if (adapter->info().capabilities.Has(omnihub::sdk::Capability::kSearch)) {
      adapters_.push_back(adapter);
    }
  }
}

std::shared_ptr<FanOutHandle> SearchFanOut::Prepare(const omnihub::sdk::SearchRequest& request,
                                                    Clock::time_point deadline,
                                                    SearchFanOutDone done) const {
  return std::make_shared<SearchCall>(executor_, deadline, adapters_, request, std::move(done));
}

}  // namespace omnihub::hub
