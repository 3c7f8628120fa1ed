// Gateway: the payment service provider's and fraud engine's records over the generated world
// (tools/simulators/world): transactions by shopper and by order (merchant reference), refunds
// with their merchant references, fraud assessments per order. Knows nothing of HTTP or XML.
//
// Refund rules, as a real gateway applies them:
//   - a merchant reference seen before returns the original outcome (replayed), never refunds
//     twice; the same reference for another order or amount is refused (code 30);
//   - only a captured payment can be refunded (else declined, code 05);
//   - no amount refunds what is left; an amount above the captured amount less earlier refunds
//     is declined (code 05) and changes nothing;
//   - unknown order: code 14.
//
// Thread-safe: every method may run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tools/simulators/world/world.h"

namespace omnihub::payment_sim {

// Result codes (ISO 8583 style) the gateway answers with, in HTTP 200 bodies.
inline constexpr char kApproved[] = "00";
inline constexpr char kDeclined[] = "05";
inline constexpr char kUnknown[] = "14";
inline constexpr char kFormatError[] = "30";
inline constexpr char kSystemMalfunction[] = "96";

struct Refund {
  std::string refund_reference;    // "RF00000001"
  std::string merchant_reference;  // the caller's idempotency key
  int64_t amount_minor = 0;
  world::Time created_at{};
};

struct Transaction {
  world::PaymentTransaction record;  // amounts and state kept current as refunds are made
  std::vector<Refund> refunds;
};

struct Shopper {
  std::string reference;
  world::Time first_seen{};
  size_t transactions = 0;
};

struct FraudAssessment {
  std::string order_reference;
  int score = 0;
  std::string decision;  // ACCEPT, REVIEW, HOLD, REJECT
  world::Time assessed_at{};
};

struct RefundOutcome {
  std::string code;  // kApproved, kDeclined, kUnknown, kFormatError
  std::string message;
  std::string refund_reference;  // set when approved
  std::string psp_reference;
  std::string merchant_reference;
  std::string currency;
  int64_t amount_minor = 0;
  int64_t total_refunded_minor = 0;
  bool replayed = false;
  // The refunded payment's shopper and order (set when the order is known).
  std::string shopper_reference;
  std::string order;
};

class Gateway {
 public:
  explicit Gateway(std::shared_ptr<const world::World> world);

  // Shoppers in order of their first transaction.
  std::vector<Shopper> Shoppers() const;
  // A shopper's transactions, newest first; nullopt for an unknown shopper.
  std::optional<std::vector<Transaction>> ByShopper(const std::string& shopper) const;
  // An order's transactions (a declined attempt and the payment), newest first.
  std::optional<std::vector<Transaction>> ByOrder(const std::string& order) const;
  std::optional<FraudAssessment> Fraud(const std::string& order) const;

  // `amount_minor` nullopt: refund what is left. `currency` must match the payment's when given.
  RefundOutcome MakeRefund(const std::string& order, const std::string& merchant_reference,
                           std::optional<int64_t> amount_minor, const std::string& currency,
                           world::Time now);

  static constexpr size_t kMaxRefunds = 100000;

 private:
  std::vector<Transaction> Copy(const std::vector<size_t>& indexes) const;

  const std::shared_ptr<const world::World> world_;
  std::unordered_map<std::string, std::vector<size_t>> by_shopper_;
  std::unordered_map<std::string, std::vector<size_t>> by_order_;
  std::vector<Shopper> shoppers_;

  mutable std::mutex mutex_;  // guards what follows
  std::vector<Transaction> transactions_;
  struct Remembered {
    std::string order;
    std::optional<int64_t> amount_minor;
    RefundOutcome outcome;
  };
  std::unordered_map<std::string, Remembered> by_merchant_reference_;
  uint64_t next_refund_ = 1;
};

}  // namespace omnihub::payment_sim
