#include "tools/simulators/payment/gateway.h"

#include <algorithm>
#include <cstdio>

namespace omnihub::payment_sim {
namespace {

std::string Amount(int64_t minor, const std::string& currency) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld %s", static_cast<long long>(minor / 100),
                static_cast<long long>(minor % 100), currency.c_str());
  return buffer;
}

bool Refundable(const world::PaymentTransaction& t) {
  return t.state == "CAPTURED" || t.state == "PARTIALLY_REFUNDED" || t.state == "REFUNDED";
}

RefundOutcome Outcome(const char* code, std::string message,
                      const std::string& merchant_reference) {
  RefundOutcome outcome;
  outcome.code = code;
  outcome.message = std::move(message);
  outcome.merchant_reference = merchant_reference;
  return outcome;
}

}  // namespace

Gateway::Gateway(std::shared_ptr<const world::World> world) : world_(std::move(world)) {
  transactions_.reserve(world_->payments.size());
  for (size_t i = 0; i < world_->payments.size(); ++i) {
    const world::PaymentTransaction& t = world_->payments[i];
    transactions_.push_back({t, {}});
    auto [it, added] = by_shopper_.try_emplace(t.shopper_reference);
    if (added) shoppers_.push_back({t.shopper_reference, t.created_at, 0});
    it->second.push_back(i);
    by_order_[t.merchant_reference].push_back(i);
  }
  for (Shopper& shopper : shoppers_) {
    const auto& indexes = by_shopper_.at(shopper.reference);
    shopper.transactions = indexes.size();
    for (size_t i : indexes) {
      shopper.first_seen = std::min(shopper.first_seen, world_->payments[i].created_at);
    }
  }
}

std::vector<Shopper> Gateway::Shoppers() const { return shoppers_; }

std::vector<Transaction> Gateway::Copy(const std::vector<size_t>& indexes) const {
  std::vector<Transaction> out;
  {
    std::lock_guard lock(mutex_);
    for (size_t i : indexes) out.push_back(transactions_[i]);
  }
  std::stable_sort(out.begin(), out.end(), [](const Transaction& a, const Transaction& b) {
    return a.record.created_at > b.record.created_at;
  });
  return out;
}

std::optional<std::vector<Transaction>> Gateway::ByShopper(const std::string& shopper) const {
  const auto it = by_shopper_.find(shopper);
  if (it == by_shopper_.end()) return std::nullopt;
  return Copy(it->second);
}

std::optional<std::vector<Transaction>> Gateway::ByOrder(const std::string& order) const {
  const auto it = by_order_.find(order);
  if (it == by_order_.end()) return std::nullopt;
  return Copy(it->second);
}

std::optional<FraudAssessment> Gateway::Fraud(const std::string& order) const {
  const auto it = by_order_.find(order);
  if (it == by_order_.end()) return std::nullopt;
  // The payment that went through is assessed last; a declined attempt only when it is alone.
  const world::PaymentTransaction* chosen = nullptr;
  for (size_t i : it->second) {
    const auto& t = world_->payments[i];
    if (chosen == nullptr || chosen->state == "DECLINED") chosen = &t;
  }
  FraudAssessment out;
  out.order_reference = order;
  out.score = chosen->fraud_score;
  out.decision = chosen->fraud_decision;
  out.assessed_at = chosen->created_at + std::chrono::seconds(1);
  return out;
}

RefundOutcome Gateway::MakeRefund(const std::string& order, const std::string& merchant_reference,
                                  std::optional<int64_t> amount_minor, const std::string& currency,
                                  world::Time now) {
  std::lock_guard lock(mutex_);
  if (auto seen = by_merchant_reference_.find(merchant_reference);
      seen != by_merchant_reference_.end()) {
    if (seen->second.order != order || seen->second.amount_minor != amount_minor) {
      return Outcome(kFormatError,
                     "merchant reference " + merchant_reference +
                         " was already used for another refund request",
                     merchant_reference);
    }
    RefundOutcome replay = seen->second.outcome;
    replay.replayed = true;
    return replay;
  }
  const auto it = by_order_.find(order);
  if (it == by_order_.end()) {
    return Outcome(kUnknown, "unknown merchant reference (order) " + order, merchant_reference);
  }
  if (by_merchant_reference_.size() >= kMaxRefunds) {
    return Outcome(kSystemMalfunction, "refund store full", merchant_reference);
  }
  Transaction* payment = nullptr;
  for (size_t i : it->second) {
    if (Refundable(transactions_[i].record)) payment = &transactions_[i];
  }
  RefundOutcome outcome;
  if (payment == nullptr) {
    outcome = Outcome(kDeclined, "order " + order + " has no captured payment to refund",
                      merchant_reference);
  } else {
    auto& record = payment->record;
    const int64_t left = record.captured_minor - record.refunded_minor;
    outcome.psp_reference = record.psp_reference;
    outcome.shopper_reference = record.shopper_reference;
    outcome.order = order;
    outcome.currency = record.currency;
    outcome.merchant_reference = merchant_reference;
    if (!currency.empty() && currency != record.currency) {
      return Outcome(kFormatError,
                     "currency " + currency + " does not match the payment's " + record.currency,
                     merchant_reference);
    }
    const int64_t amount = amount_minor.value_or(left);
    if (amount_minor && *amount_minor <= 0) {
      return Outcome(kFormatError, "the refund amount must be positive", merchant_reference);
    }
    if (left <= 0) {
      outcome.code = kDeclined;
      outcome.message = "the payment is already fully refunded";
    } else if (amount > left) {
      outcome.code = kDeclined;
      outcome.message = "refund of " + Amount(amount, record.currency) +
                        " exceeds the captured amount less refunds (" +
                        Amount(left, record.currency) + ")";
    } else {
      record.refunded_minor += amount;
      record.state =
          record.refunded_minor >= record.captured_minor ? "REFUNDED" : "PARTIALLY_REFUNDED";
      char reference[32];
      std::snprintf(reference, sizeof reference, "RF%08llu",
                    static_cast<unsigned long long>(next_refund_++));
      payment->refunds.push_back({reference, merchant_reference, amount, now});
      outcome.code = kApproved;
      outcome.message = "Refund of " + Amount(amount, record.currency) + " accepted";
      outcome.refund_reference = reference;
      outcome.amount_minor = amount;
    }
    outcome.total_refunded_minor = record.refunded_minor;
  }
  by_merchant_reference_[merchant_reference] = {order, amount_minor, outcome};
  return outcome;
}

}  // namespace omnihub::payment_sim
