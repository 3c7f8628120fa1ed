#include "adapters/http_json/fetch_call.h"

#include <algorithm>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/json_mapper.h"

namespace omnihub::http_json {
namespace {

using mapping::engine::CompiledOperation;

bool Wants(const sdk::FetchRequest& request, v1::Section section) {
  return std::find(request.sections.begin(), request.sections.end(), section) !=
         request.sections.end();
}

class FetchCall : public std::enable_shared_from_this<FetchCall> {
 public:
  FetchCall(std::shared_ptr<const Backend> backend, sdk::FetchRequest request,
            std::shared_ptr<sdk::CallContext> context, sdk::FetchCallback done)
      : backend_(std::move(backend)),
        request_(std::move(request)),
        context_(std::move(context)),
        done_(std::move(done)),
        accounts_(request_.account_ids.size()) {
    recent_limit_ = request_.recent_limit > 0 ? request_.recent_limit : 20;
  }

  void Start() {
    const auto& mapping = *backend_->mapping;
    struct Planned {
      size_t account;
      const CompiledOperation* operation;
    };
    std::vector<Planned> plan;
    for (size_t i = 0; i < accounts_.size(); ++i) {
      for (auto [section, name] : {std::pair{v1::SECTION_PROFILE, "get-customer"},
                                   std::pair{v1::SECTION_ORDERS, "list-orders"},
                                   std::pair{v1::SECTION_CONTACTS, "list-contacts"}}) {
        const CompiledOperation* operation = mapping.FindOperation(name);
        if (operation != nullptr && Wants(request_, section)) plan.push_back({i, operation});
      }
    }
    if (plan.empty()) {
      done_(sdk::SourceData{});
      return;
    }
    pending_ = plan.size();
    for (const Planned& step : plan) Run(step.account, *step.operation);
  }

 private:
  struct AccountResult {
    bool not_found = false;
    std::optional<v1::Customer> profile;
    std::vector<v1::Order> orders;
    std::vector<v1::Contact> contacts;
  };

  void Run(size_t account, const CompiledOperation& operation) {
    std::map<std::string, std::string> params = {{"account_id", request_.account_ids[account]}};
    const bool list = operation.name != "get-customer";
    int max_pages = 1;
    if (list) {
      params["page_size"] = std::to_string(std::min(recent_limit_, backend_->paging.page_size));
      // Looking for one order may need more than the most recent page.
      max_pages = backend_->paging.max_pages;
    }
    auto self = shared_from_this();
    RunOperation(
        backend_, operation, std::move(params), max_pages, context_,
        [self, account, &operation](const std::string& body) {
          return self->OnPage(account, operation, body);
        },
        [self, account](absl::Status status, std::string) { self->OnDone(account, status); });
  }

  // Maps one page; returns whether more pages are wanted.
  absl::StatusOr<bool> OnPage(size_t account, const CompiledOperation& operation,
                              const std::string& body) {
    auto data_loss = [&](const absl::Status& status) {
      return absl::DataLossError(absl::StrCat(backend_->system, " ", operation.name,
                                              ": the answer cannot be mapped: ", status.message()));
    };
    if (operation.name == "get-customer") {
      auto customer = mapping::engine::MapCustomer(operation, body);
      if (!customer.ok()) return data_loss(customer.status());
      auto* linked = customer->add_accounts();
      linked->set_system(backend_->system);
      linked->set_account_id(request_.account_ids[account]);
      std::lock_guard lock(mutex_);
      accounts_[account].profile = *std::move(customer);
      return false;
    }
    if (operation.name == "list-orders") {
      auto orders = mapping::engine::MapOrders(operation, body);
      if (!orders.ok()) return data_loss(orders.status());
      for (auto& order : *orders) {
        if (order.seen_in().empty()) order.add_seen_in(backend_->system);
      }
      std::lock_guard lock(mutex_);
      auto& kept = accounts_[account].orders;
      for (auto& order : *orders) {
        if (request_.order_number.empty() || order.order_number() == request_.order_number) {
          kept.push_back(std::move(order));
        }
      }
      if (!request_.order_number.empty()) return kept.empty();
      return kept.size() < static_cast<size_t>(recent_limit_) && !orders->empty();
    }
    auto contacts = mapping::engine::MapContacts(operation, body);
    if (!contacts.ok()) return data_loss(contacts.status());
    std::lock_guard lock(mutex_);
    auto& kept = accounts_[account].contacts;
    kept.insert(kept.end(), std::make_move_iterator(contacts->begin()),
                std::make_move_iterator(contacts->end()));
    return kept.size() < static_cast<size_t>(recent_limit_) && !contacts->empty();
  }

  void OnDone(size_t account, const absl::Status& status) {
    {
      std::lock_guard lock(mutex_);
      if (status.code() == absl::StatusCode::kNotFound) {
        accounts_[account].not_found = true;
      } else if (!status.ok() && error_.ok()) {
        error_ = status;
      }
      if (--pending_ > 0) return;
    }
    Finish();
  }

  void Finish() {
    // Every operation has ended: no other thread touches the results any more.
    if (!error_.ok()) {
      done_(error_);
      return;
    }
    sdk::SourceData data;
    size_t unknown = 0;
    for (auto& result : accounts_) {
      if (result.not_found) {
        ++unknown;
        continue;
      }
      if (result.profile && !data.profile) data.profile = std::move(result.profile);
      std::move(result.orders.begin(), result.orders.end(), std::back_inserter(data.orders));
      std::move(result.contacts.begin(), result.contacts.end(), std::back_inserter(data.contacts));
    }
    if (unknown == accounts_.size()) {
      done_(absl::NotFoundError(absl::StrCat(backend_->system, " holds no customer with account ",
                                             accounts_.size() == 1 ? "id " : "ids ", "as given")));
      return;
    }
    std::stable_sort(data.orders.begin(), data.orders.end(), [](const auto& a, const auto& b) {
      return a.placed_at().seconds() > b.placed_at().seconds();
    });
    std::stable_sort(data.contacts.begin(), data.contacts.end(), [](const auto& a, const auto& b) {
      return a.occurred_at().seconds() > b.occurred_at().seconds();
    });
    if (data.orders.size() > static_cast<size_t>(recent_limit_)) data.orders.resize(recent_limit_);
    if (data.contacts.size() > static_cast<size_t>(recent_limit_)) {
      data.contacts.resize(recent_limit_);
    }
    done_(std::move(data));
  }

  std::shared_ptr<const Backend> backend_;
  const sdk::FetchRequest request_;
  std::shared_ptr<sdk::CallContext> context_;
  sdk::FetchCallback done_;
  int recent_limit_ = 20;

  std::mutex mutex_;  // guards what follows until every operation has ended
  size_t pending_ = 0;
  absl::Status error_;
  std::vector<AccountResult> accounts_;
};

}  // namespace

absl::Status CheckAccountId(const std::string& account_id) {
  if (account_id.empty() || account_id.size() > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat("an account id must have 1 to 256 bytes, got ", account_id.size()));
  }
  for (unsigned char c : account_id) {
    if (c < 0x20 || c == 0x7f) {
      return absl::InvalidArgumentError("an account id must not contain control characters");
    }
  }
  return absl::OkStatus();
}

void StartFetch(std::shared_ptr<const Backend> backend, const sdk::FetchRequest& request,
                std::shared_ptr<sdk::CallContext> context, sdk::FetchCallback done) {
  if (request.account_ids.empty()) {
    done(absl::InvalidArgumentError(backend->system + ": a fetch needs at least one account id"));
    return;
  }
  for (const auto& account : request.account_ids) {
    if (auto status = CheckAccountId(account); !status.ok()) {
      done(absl::InvalidArgumentError(absl::StrCat(backend->system, ": ", status.message())));
      return;
    }
  }
  auto call =
      std::make_shared<FetchCall>(std::move(backend), request, std::move(context), std::move(done));
  call->Start();
}

}  // namespace omnihub::http_json
