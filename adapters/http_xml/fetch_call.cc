#include "adapters/http_xml/fetch_call.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/xml_mapper.h"

namespace omnihub::http_xml {
namespace {

using mapping::engine::CompiledOperation;

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
    const bool wanted = std::find(request_.sections.begin(), request_.sections.end(),
                                  v1::SECTION_PAYMENTS) != request_.sections.end();
    const CompiledOperation* by_order = mapping.FindOperation("get-payment");
    const CompiledOperation* list = mapping.FindOperation("list-payments");
    const CompiledOperation* operation =
        !request_.order_number.empty() && by_order != nullptr ? by_order : list;
    if (!wanted || operation == nullptr) {
      done_(sdk::SourceData{});
      return;
    }
    pending_ = accounts_.size();
    for (size_t i = 0; i < accounts_.size(); ++i) RunPayments(i, *operation);
  }

 private:
  struct AccountResult {
    bool not_found = false;
    std::vector<v1::Payment> payments;
  };

  void RunPayments(size_t account, const CompiledOperation& operation) {
    std::map<std::string, std::string> params = {{"account_id", request_.account_ids[account]}};
    int max_pages = 1;
    if (operation.name == "list-payments") {
      params["page_size"] = std::to_string(std::min(recent_limit_, backend_->paging.page_size));
      max_pages = backend_->paging.max_pages;
    } else {
      params["order_number"] = request_.order_number;
    }
    auto self = shared_from_this();
    RunOperation(
        backend_, operation, std::move(params), max_pages, /*idempotent=*/true, context_,
        [self, account, &operation](const mapping::engine::XmlAnswer& answer) {
          return self->OnPaymentsPage(account, operation, answer);
        },
        [self, account](absl::Status status, std::string) {
          self->OnPaymentsDone(account, status);
        });
  }

  absl::StatusOr<bool> OnPaymentsPage(size_t account, const CompiledOperation& operation,
                                      const mapping::engine::XmlAnswer& answer) {
    std::vector<v1::Payment> payments;
    auto status = mapping::engine::MapXmlRecords(*backend_->mapping, operation, answer,
                                                 [&payments] { return &payments.emplace_back(); });
    if (!status.ok()) return DataLoss(operation, status);
    std::lock_guard lock(mutex_);
    auto& kept = accounts_[account].payments;
    for (auto& payment : payments) {
      if (request_.order_number.empty() || payment.order_number() == request_.order_number) {
        kept.push_back(std::move(payment));
      }
    }
    if (!request_.order_number.empty()) return kept.empty();
    return kept.size() < static_cast<size_t>(recent_limit_) && !payments.empty();
  }

  void OnPaymentsDone(size_t account, const absl::Status& status) {
    {
      std::lock_guard lock(mutex_);
      if (status.code() == absl::StatusCode::kNotFound) {
        accounts_[account].not_found = true;
      } else if (!status.ok() && error_.ok()) {
        error_ = status;
      }
      if (--pending_ > 0) return;
    }
    JoinPayments();
  }

  // Every payments operation has ended: no other thread touches the results any more.
  void JoinPayments() {
    if (!error_.ok()) {
      done_(error_);
      return;
    }
    size_t unknown = 0;
    for (auto& result : accounts_) {
      if (result.not_found) {
        ++unknown;
        continue;
      }
      std::move(result.payments.begin(), result.payments.end(), std::back_inserter(data_.payments));
    }
    if (unknown == accounts_.size()) {
      done_(absl::NotFoundError(absl::StrCat(backend_->system, " holds no payments for account ",
                                             accounts_.size() == 1 ? "id " : "ids ", "as given")));
      return;
    }
    std::stable_sort(data_.payments.begin(), data_.payments.end(),
                     [](const auto& a, const auto& b) {
                       return a.created_at().seconds() > b.created_at().seconds();
                     });
    if (data_.payments.size() > static_cast<size_t>(recent_limit_)) {
      data_.payments.resize(recent_limit_);
    }
    const CompiledOperation* fraud = backend_->mapping->FindOperation("get-fraud");
    std::set<std::string> orders;
    for (const auto& payment : data_.payments) {
      if (!payment.order_number().empty()) orders.insert(payment.order_number());
    }
    if (fraud == nullptr || orders.empty()) {
      done_(std::move(data_));
      return;
    }
    pending_ = orders.size();
    for (const std::string& order : orders) RunFraud(*fraud, order);
  }

  void RunFraud(const CompiledOperation& operation, const std::string& order) {
    auto self = shared_from_this();
    RunOperation(
        backend_, operation, {{"order_number", order}}, 1, /*idempotent=*/true, context_,
        [self, &operation,
         order](const mapping::engine::XmlAnswer& answer) -> absl::StatusOr<bool> {
          v1::Payment assessment;
          auto status = mapping::engine::MapXmlRecord(*self->backend_->mapping, operation, answer,
                                                      assessment);
          if (!status.ok()) return self->DataLoss(operation, status);
          std::lock_guard lock(self->mutex_);
          for (auto& payment : self->data_.payments) {
            if (payment.order_number() == order && assessment.has_fraud()) {
              *payment.mutable_fraud() = assessment.fraud();
            }
          }
          return false;
        },
        [self](absl::Status status, std::string) { self->OnFraudDone(status); });
  }

  // A fraud engine that fails (other than NOT_FOUND) leaves the payments standing: they are
  // current, only their assessments are missing, and the answer says so.
  void OnFraudDone(const absl::Status& status) {
    {
      std::lock_guard lock(mutex_);
      if (!status.ok() && status.code() != absl::StatusCode::kNotFound) {
        ++fraud_failures_;
        if (fraud_error_.ok()) fraud_error_ = status;
      }
      if (--pending_ > 0) return;
    }
    if (!fraud_error_.ok()) {
      data_.incomplete[v1::SECTION_PAYMENTS] =
          absl::StrCat("fraud assessments missing for ", fraud_failures_,
                       fraud_failures_ == 1 ? " order" : " orders",
                       " (the fraud engine did not answer: ", fraud_error_.message(), ")");
    }
    done_(std::move(data_));
  }

  absl::Status DataLoss(const CompiledOperation& operation, const absl::Status& status) const {
    return absl::DataLossError(absl::StrCat(backend_->system, " ", operation.name,
                                            ": the answer cannot be mapped: ", status.message()));
  }

  std::shared_ptr<const Backend> backend_;
  const sdk::FetchRequest request_;
  std::shared_ptr<sdk::CallContext> context_;
  sdk::FetchCallback done_;
  int recent_limit_ = 20;

  std::mutex mutex_;  // guards what follows while operations run
  size_t pending_ = 0;
  absl::Status error_;
  absl::Status fraud_error_;  // the first fraud lookup that failed
  size_t fraud_failures_ = 0;
  std::vector<AccountResult> accounts_;
  sdk::SourceData data_;
};

}  // namespace

void StartFetch(std::shared_ptr<const Backend> backend, const sdk::FetchRequest& request,
                std::shared_ptr<sdk::CallContext> context, sdk::FetchCallback done) {
  if (request.account_ids.empty()) {
    done(absl::InvalidArgumentError(backend->system + ": a fetch needs at least one account id"));
    return;
  }
  for (const auto& account : request.account_ids) {
    if (auto status = CheckReference("an account id", account); !status.ok()) {
      done(absl::InvalidArgumentError(absl::StrCat(backend->system, ": ", status.message())));
      return;
    }
  }
  if (!request.order_number.empty()) {
    if (auto status = CheckReference("an order number", request.order_number); !status.ok()) {
      done(absl::InvalidArgumentError(absl::StrCat(backend->system, ": ", status.message())));
      return;
    }
  }
  auto call =
      std::make_shared<FetchCall>(std::move(backend), request, std::move(context), std::move(done));
  call->Start();
}

}  // namespace omnihub::http_xml
