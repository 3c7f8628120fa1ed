// The payment service provider's view: transactions by shopper reference (the web shop's
// customer id), with captures, refunds, declines and fraud assessments.
#include <unordered_map>

#include "adapters/reference/canonical.h"
#include "adapters/reference/slice.h"

namespace omnihub::reference {
namespace {

using world::PaymentTransaction;

v1::PaymentState State(const std::string& state) {
  if (state == "AUTHORISED") return v1::PAYMENT_STATE_AUTHORISED;
  if (state == "CAPTURED") return v1::PAYMENT_STATE_CAPTURED;
  if (state == "PARTIALLY_REFUNDED") return v1::PAYMENT_STATE_PARTIALLY_REFUNDED;
  if (state == "REFUNDED") return v1::PAYMENT_STATE_REFUNDED;
  if (state == "DECLINED") return v1::PAYMENT_STATE_DECLINED;
  if (state == "CANCELLED") return v1::PAYMENT_STATE_VOIDED;
  return v1::PAYMENT_STATE_UNSPECIFIED;
}

v1::FraudDecision Decision(const std::string& decision) {
  if (decision == "ACCEPT") return v1::FRAUD_DECISION_ACCEPT;
  if (decision == "REVIEW") return v1::FRAUD_DECISION_REVIEW;
  if (decision == "HOLD") return v1::FRAUD_DECISION_HOLD;
  if (decision == "REJECT") return v1::FRAUD_DECISION_REJECT;
  return v1::FRAUD_DECISION_UNSPECIFIED;
}

class PaymentSlice : public Slice {
 public:
  PaymentSlice(std::shared_ptr<const world::World> world, SliceNames names)
      : world_(std::move(world)), names_(std::move(names)) {
    for (size_t i = 0; i < world_->payments.size(); ++i) {
      auto [it, added] = by_shopper_.try_emplace(world_->payments[i].shopper_reference);
      if (added) shoppers_.push_back(&it->first);
      it->second.push_back(i);
    }
  }

  // omnihub::reference::Slice
  sdk::Capabilities capabilities() const override {
    return {sdk::Capability::kPayments, sdk::Capability::kIdentityScan};
  }
  size_t size() const override { return shoppers_.size(); }
  bool Holds(std::string_view account_id) const override {
    return by_shopper_.contains(std::string(account_id));
  }

  sdk::AccountIdentity Identity(size_t index) const override {
    const std::string& shopper = *shoppers_[index];
    sdk::AccountIdentity identity;
    identity.account_id = shopper;
    identity.identifiers.push_back(
        MakeIdentifier(v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, shopper, names_.system));
    identity.identifiers.push_back(
        MakeIdentifier(v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, shopper, names_.xref_ecommerce));
    return identity;
  }

  void Fill(std::string_view account_id, const sdk::FetchRequest& request,
            sdk::SourceData& data) const override {
    if (!Wants(request, v1::SECTION_PAYMENTS)) return;
    for (size_t index : by_shopper_.at(std::string(account_id))) {
      const PaymentTransaction& payment = world_->payments[index];
      if (!request.order_number.empty() && payment.merchant_reference != request.order_number) {
        continue;
      }
      data.payments.push_back(ToPayment(payment));
    }
    NewestFirst(data.payments, RecentLimit(request),
                [](const v1::Payment& payment) { return payment.created_at().seconds(); });
  }

 private:
  v1::Payment ToPayment(const PaymentTransaction& payment) const {
    v1::Payment out;
    out.set_payment_ref(payment.psp_reference);
    out.set_order_number(payment.merchant_reference);
    out.set_state(State(payment.state));
    SetMoney(payment.authorised_minor, payment.currency, out.mutable_authorised());
    SetMoney(payment.captured_minor, payment.currency, out.mutable_captured());
    SetMoney(payment.refunded_minor, payment.currency, out.mutable_refunded());
    out.mutable_fraud()->set_score(payment.fraud_score);
    out.mutable_fraud()->set_decision(Decision(payment.fraud_decision));
    SetTime(payment.created_at, out.mutable_created_at());
    out.set_source_system(names_.system);
    return out;
  }

  std::shared_ptr<const world::World> world_;
  SliceNames names_;
  std::unordered_map<std::string, std::vector<size_t>> by_shopper_;
  std::vector<const std::string*> shoppers_;  // scan order: first transaction first
};

}  // namespace

std::unique_ptr<Slice> MakePaymentSlice(std::shared_ptr<const world::World> world,
                                        SliceNames names) {
  return std::make_unique<PaymentSlice>(std::move(world), std::move(names));
}

}  // namespace omnihub::reference
