#include "adapters/tn3270/connector/session_call.h"

#include <atomic>
#include <boost/asio/post.hpp>
#include <utility>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/operation_catalog.h"
#include "adapters/tn3270/connector/screen_match.h"

namespace omnihub::tn3270 {
namespace {

namespace engine = mapping::engine;

class Call : public std::enable_shared_from_this<Call> {
 public:
  Call(std::shared_ptr<const Backend> backend, std::shared_ptr<sdk::CallContext> context,
       std::vector<OperationRun> runs, std::function<void(absl::Status)> done)
      : backend_(std::move(backend)),
        context_(std::move(context)),
        runs_(std::move(runs)),
        done_(std::move(done)) {}

  void Start() {
    if (context_->cancelled()) return Finish(absl::CancelledError("the call was cancelled"));
    auto self = shared_from_this();
    const std::uint64_t ticket = backend_->pool->Acquire(
        context_->deadline(),
        [self](absl::StatusOr<Lease> lease) { self->OnLease(std::move(lease)); });
    std::weak_ptr<SessionPool> pool = backend_->pool;
    context_->OnCancel([pool, ticket] {
      if (auto alive = pool.lock()) alive->CancelAcquire(ticket);
    });
  }

 private:
  void OnLease(absl::StatusOr<Lease> lease) {
    if (!lease.ok()) return Finish(lease.status());
    lease_ = *std::move(lease);
    // Cancel only this call's operation: the check runs on the client's strand, where Finish()
    // clears `holding_` before the session can go to another call.
    std::weak_ptr<Client> client = lease_.client_ptr();
    context_->OnCancel([client, holding = holding_] {
      auto alive = client.lock();
      if (!alive) return;
      alive->AsyncRun([alive, holding] {
        if (holding->load()) alive->Cancel();
      });
    });
    if (context_->cancelled()) return Finish(absl::CancelledError("the call was cancelled"));
    RunNext();
  }

  void RunNext() {
    if (next_ >= runs_.size()) return Finish(absl::OkStatus());
    if (next_ == 0) return RunScriptNow();
    GoHome([self = shared_from_this()](absl::Status status) {
      if (!status.ok()) return self->Finish(std::move(status));
      self->RunScriptNow();
    });
  }

  // Between operations: the next script starts at the home screen.
  void GoHome(std::function<void(absl::Status)> then) {
    const auto& catalog = backend_->mapping->screens;
    auto client = lease_.client_ptr();
    client->AsyncRun([self = shared_from_this(), client, &catalog, then = std::move(then)] {
      const engine::ScreenDef* home = catalog.FindScreen(catalog.home_screen);
      if (home == nullptr || AllMarkersMatch(client->screen(), home->markers)) {
        return then(absl::OkStatus());
      }
      const auto key = ParseAid(catalog.home_key);
      if (!key) {
        return then(absl::FailedPreconditionError(
            "not at the home screen and the mapping declares no home key; the screen shows: " +
            ScreenSummary(client->screen())));
      }
      client->AsyncSendAid(
          *key, self->context_->remaining(), [client, home, then](absl::Status status) {
            if (status.ok() && !AllMarkersMatch(client->screen(), home->markers)) {
              status = absl::FailedPreconditionError(
                  "the home key did not lead to the home screen; the screen "
                  "shows: " +
                  ScreenSummary(client->screen()));
            }
            if (!status.ok() && !client->connected()) {
              status =
                  absl::UnavailableError(absl::StrCat("the session was lost: ", status.message()));
            }
            then(status);
          });
    });
  }

  void RunScriptNow() {
    const OperationRun& run = runs_[next_];
    ScriptRequest request;
    request.catalog = &backend_->mapping->screens;
    request.steps = &run.operation->script.steps;
    request.columns = run.operation->script.columns;
    request.keep_alive = backend_->mapping;
    if (const auto* kind = engine::FindOperationKind(run.operation->name)) {
      for (std::string_view parameter : kind->parameters) request.values[std::string(parameter)];
    }
    for (const auto& [name, value] : run.values) request.values[name] = value;
    request.deadline = context_->deadline();
    request.name = absl::StrCat(backend_->system, " ", run.operation->name);
    RunScript(lease_.client_ptr(), std::move(request),
              [self = shared_from_this()](absl::StatusOr<ScriptResult> result) {
                if (!result.ok()) return self->Finish(result.status());
                absl::Status consumed = self->runs_[self->next_].consume(*result);
                if (!consumed.ok()) return self->Finish(std::move(consumed));
                ++self->next_;
                self->RunNext();
              });
  }

  void Finish(absl::Status status) {
    if (finished_) return;
    finished_ = true;
    holding_->store(false);
    lease_.Release();  // back to the pool (reset there) before the caller hears of it
    if (!status.ok() && context_->cancelled() && status.code() != absl::StatusCode::kCancelled) {
      status =
          absl::CancelledError(absl::StrCat("the call was cancelled (", status.message(), ")"));
    }
    boost::asio::post(backend_->executor,
                      [done = std::move(done_), status = std::move(status)] { done(status); });
  }

  std::shared_ptr<const Backend> backend_;
  std::shared_ptr<sdk::CallContext> context_;
  std::vector<OperationRun> runs_;
  std::function<void(absl::Status)> done_;
  Lease lease_;
  std::shared_ptr<std::atomic<bool>> holding_ = std::make_shared<std::atomic<bool>>(true);
  std::size_t next_ = 0;
  bool finished_ = false;
};

}  // namespace

void RunOperations(std::shared_ptr<const Backend> backend,
                   std::shared_ptr<sdk::CallContext> context, std::vector<OperationRun> runs,
                   std::function<void(absl::Status)> done) {
  auto call = std::make_shared<Call>(std::move(backend), std::move(context), std::move(runs),
                                     std::move(done));
  call->Start();
}

}  // namespace omnihub::tn3270
