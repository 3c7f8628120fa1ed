#include "hub/aggregate/merger.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_join.h"
#include "google/protobuf/util/time_util.h"

namespace omnihub::hub {
namespace {

using google::protobuf::util::TimeUtil;
using omnihub::v1::Customer;
using omnihub::v1::SourceState;

bool Newer(const google::protobuf::Timestamp& a, const google::protobuf::Timestamp& b) {
  return TimeUtil::TimestampToNanoseconds(a) > TimeUtil::TimestampToNanoseconds(b);
}

SourceState StateOf(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return omnihub::v1::SOURCE_STATE_OK;
    case absl::StatusCode::kNotFound:
      return omnihub::v1::SOURCE_STATE_NOT_FOUND;
    case absl::StatusCode::kDeadlineExceeded:
      return omnihub::v1::SOURCE_STATE_TIMEOUT;
    default:
      return omnihub::v1::SOURCE_STATE_UNAVAILABLE;
  }
}

// Outcomes that answered with data, best-ranked first for `field`.
std::vector<const SourceOutcome*> Ranked(const std::vector<SourceOutcome>& outcomes,
                                         const SurvivorshipRules& rules, const std::string& field) {
  std::vector<const SourceOutcome*> ranked;
  for (const auto& outcome : outcomes) {
    if (outcome.status.ok()) ranked.push_back(&outcome);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const auto* a, const auto* b) {
    return rules.Before(field, a->system, b->system);
  });
  return ranked;
}

// Fills fields that `winner` lacks from `other`'s copy of the same order.
void CompleteOrder(omnihub::v1::Order& winner, const omnihub::v1::Order& other) {
  if (winner.status() == omnihub::v1::ORDER_STATUS_UNSPECIFIED) winner.set_status(other.status());
  if (winner.channel() == omnihub::v1::CHANNEL_UNSPECIFIED) winner.set_channel(other.channel());
  if (!winner.has_placed_at() && other.has_placed_at())
    *winner.mutable_placed_at() = other.placed_at();
  if (!winner.has_total() && other.has_total()) *winner.mutable_total() = other.total();
  if (winner.lines().empty()) *winner.mutable_lines() = other.lines();
  if (winner.invoices().empty()) *winner.mutable_invoices() = other.invoices();
  if (winner.shipments().empty()) {
    *winner.mutable_shipments() = other.shipments();
  } else if (winner.shipments_size() == other.shipments_size()) {
    // The same parcels seen by two systems: one may know the tracking details the other lacks.
    for (int i = 0; i < winner.shipments_size(); ++i) {
      auto* shipment = winner.mutable_shipments(i);
      const auto& theirs = other.shipments(i);
      if (shipment->tracking_number().empty())
        shipment->set_tracking_number(theirs.tracking_number());
      if (shipment->carrier().empty()) shipment->set_carrier(theirs.carrier());
    }
  }
}

}  // namespace

Customer Merger::Profile(const GoldenCustomer& golden,
                         const std::vector<SourceOutcome>& outcomes) const {
  Customer merged;
  merged.set_customer_id(golden.customer_id);
  auto& sources = *merged.mutable_field_sources();

  // Takes `field` from the best-ranked source whose profile has it (per `has`), via `copy`.
  auto take = [&](const std::string& field, auto has, auto copy) {
    for (const auto* outcome : Ranked(outcomes, rules_, field)) {
      if (!outcome->data.profile || !has(*outcome->data.profile)) continue;
      if (copy(*outcome->data.profile)) {
        sources[field] = outcome->system;
        return;
      }
    }
  };
  take(
      "display_name", [](const Customer& c) { return !c.display_name().empty(); },
      [&](const Customer& c) {
        merged.set_display_name(c.display_name());
        return true;
      });
  take(
      "given_name", [](const Customer& c) { return !c.given_name().empty(); },
      [&](const Customer& c) {
        merged.set_given_name(c.given_name());
        return true;
      });
  take(
      "family_name", [](const Customer& c) { return !c.family_name().empty(); },
      [&](const Customer& c) {
        merged.set_family_name(c.family_name());
        return true;
      });
  take(
      "email", [](const Customer& c) { return !c.email().empty(); },
      [&](const Customer& c) {
        merged.set_email(c.email());
        return true;
      });
  take(
      "phone", [](const Customer& c) { return !c.phone().empty(); },
      [&](const Customer& c) {
        // The API promises E.164; a source whose number cannot be read loses to the next one.
        auto e164 = normalizer_.Phone(c.phone());
        if (!e164.ok()) return false;
        merged.set_phone(*e164);
        return true;
      });
  take(
      "address", [](const Customer& c) { return c.has_address(); },
      [&](const Customer& c) {
        *merged.mutable_address() = c.address();
        return true;
      });
  take(
      "customer_since", [](const Customer& c) { return c.has_customer_since(); },
      [&](const Customer& c) {
        *merged.mutable_customer_since() = c.customer_since();
        return true;
      });
  if (merged.display_name().empty()) {
    merged.set_display_name(golden.display_name);
  }
  for (const auto& identifier : golden.identifiers) *merged.add_identifiers() = identifier;
  for (const auto& account : golden.accounts) {
    auto* linked = merged.add_accounts();
    linked->set_system(account.system);
    linked->set_account_id(account.account_id);
    linked->set_linked_by(account.linked_by);
  }
  return merged;
}

std::vector<omnihub::v1::Order> Merger::Orders(const std::vector<SourceOutcome>& outcomes) const {
  std::map<std::string, omnihub::v1::Order> by_number;
  for (const auto* outcome : Ranked(outcomes, rules_, "order")) {
    for (const auto& order : outcome->data.orders) {
      auto [it, inserted] = by_number.emplace(order.order_number(), order);
      if (!inserted) {
        CompleteOrder(it->second, order);
        it->second.add_seen_in(outcome->system);
      } else if (it->second.seen_in().empty()) {
        it->second.add_seen_in(outcome->system);
      }
    }
  }
  std::vector<omnihub::v1::Order> orders;
  orders.reserve(by_number.size());
  for (auto& [number, order] : by_number) orders.push_back(std::move(order));
  std::stable_sort(orders.begin(), orders.end(), [](const auto& a, const auto& b) {
    return Newer(a.placed_at(), b.placed_at());
  });
  return orders;
}

std::vector<omnihub::v1::Contact> Merger::Contacts(const std::vector<SourceOutcome>& outcomes,
                                                   const std::string& customer_id) const {
  std::vector<omnihub::v1::Contact> contacts;
  for (const auto& outcome : outcomes) {
    if (!outcome.status.ok()) continue;
    for (const auto& contact : outcome.data.contacts) {
      contacts.push_back(contact);
      contacts.back().set_customer_id(customer_id);
    }
  }
  std::stable_sort(contacts.begin(), contacts.end(), [](const auto& a, const auto& b) {
    return Newer(a.occurred_at(), b.occurred_at());
  });
  return contacts;
}

std::vector<omnihub::v1::Case> Merger::OpenCases(const std::vector<SourceOutcome>& outcomes,
                                                 const std::string& customer_id) const {
  std::vector<omnihub::v1::Case> cases;
  for (const auto& outcome : outcomes) {
    if (!outcome.status.ok()) continue;
    for (const auto& c : outcome.data.cases) {
      if (c.status() != omnihub::v1::CASE_STATUS_OPEN &&
          c.status() != omnihub::v1::CASE_STATUS_PENDING) {
        continue;
      }
      cases.push_back(c);
      cases.back().set_customer_id(customer_id);
    }
  }
  std::stable_sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) {
    return Newer(a.updated_at(), b.updated_at());
  });
  return cases;
}

omnihub::v1::PaymentSummary Merger::Payments(const std::vector<SourceOutcome>& outcomes,
                                             size_t limit) const {
  std::vector<omnihub::v1::Payment> payments;
  for (const auto& outcome : outcomes) {
    if (!outcome.status.ok()) continue;
    payments.insert(payments.end(), outcome.data.payments.begin(), outcome.data.payments.end());
  }
  std::stable_sort(payments.begin(), payments.end(), [](const auto& a, const auto& b) {
    return Newer(a.created_at(), b.created_at());
  });
  omnihub::v1::PaymentSummary summary;
  // Totals are kept in the currency most payments use; others are listed but not summed.
  std::map<std::string, int> currencies;
  for (const auto& payment : payments) ++currencies[payment.captured().currency_code()];
  std::string currency;
  int most = 0;
  for (const auto& [code, count] : currencies) {
    if (count > most && !code.empty()) currency = code, most = count;
  }
  int64_t captured = 0, refunded = 0;
  for (const auto& payment : payments) {
    // A payment held or under review keeps the order from shipping: agents need to see it.
    if (payment.fraud().decision() == omnihub::v1::FRAUD_DECISION_HOLD ||
        payment.fraud().decision() == omnihub::v1::FRAUD_DECISION_REVIEW) {
      summary.set_has_fraud_hold(true);
    }
    if (payment.captured().currency_code() == currency)
      captured += payment.captured().amount_minor();
    if (payment.refunded().currency_code() == currency)
      refunded += payment.refunded().amount_minor();
  }
  if (!currency.empty()) {
    summary.mutable_total_captured()->set_currency_code(currency);
    summary.mutable_total_captured()->set_amount_minor(captured);
    summary.mutable_total_refunded()->set_currency_code(currency);
    summary.mutable_total_refunded()->set_amount_minor(refunded);
  }
  if (payments.size() > limit) payments.resize(limit);
  for (auto& payment : payments) *summary.add_recent_payments() = std::move(payment);
  return summary;
}

std::optional<omnihub::v1::LoyaltySummary> Merger::Loyalty(
    const std::vector<SourceOutcome>& outcomes) const {
  std::optional<omnihub::v1::LoyaltySummary> merged;
  for (const auto* outcome : Ranked(outcomes, rules_, "loyalty")) {
    if (!outcome->data.loyalty) continue;
    const auto& loyalty = *outcome->data.loyalty;
    if (!merged) merged.emplace();
    if (merged->card_number().empty() && !loyalty.card_number().empty()) {
      merged->set_card_number(loyalty.card_number());
      merged->set_tier(loyalty.tier());
      merged->set_points_balance(loyalty.points_balance());
      merged->set_source_system(loyalty.source_system());
    }
    if (!merged->has_store_card() && loyalty.has_store_card()) {
      *merged->mutable_store_card() = loyalty.store_card();
    }
  }
  return merged;
}

std::vector<omnihub::v1::SourceStatus> Merger::Statuses(
    const std::vector<SourceOutcome>& outcomes) {
  std::vector<omnihub::v1::SourceStatus> statuses;
  for (const auto& outcome : outcomes) {
    omnihub::v1::SourceStatus status;
    status.set_system(outcome.system);
    status.set_state(outcome.stale && outcome.status.ok() ? omnihub::v1::SOURCE_STATE_STALE
                                                          : StateOf(outcome.status));
    if (outcome.status.ok() || outcome.latency) {
      *status.mutable_as_of() = TimeUtil::NanosecondsToTimestamp(
          std::chrono::duration_cast<std::chrono::nanoseconds>(outcome.as_of.time_since_epoch())
              .count());
    }
    if (!outcome.status.ok()) {
      status.set_detail(std::string(outcome.status.message()));
    } else {
      // What the source answered only in part, then how old a cached answer is.
      std::vector<std::string> details;
      for (const auto& [section, why] : outcome.data.incomplete) details.push_back(why);
      if (!outcome.note.empty()) details.push_back(outcome.note);
      status.set_detail(absl::StrJoin(details, "; "));
    }
    for (auto section : outcome.sections) status.add_sections(section);
    if (outcome.latency) {
      *status.mutable_latency() = TimeUtil::NanosecondsToDuration(outcome.latency->count());
    }
    statuses.push_back(std::move(status));
  }
  return statuses;
}

omnihub::v1::Customer360 Merger::Customer360(const GoldenCustomer& customer,
                                             const std::vector<SourceOutcome>& outcomes,
                                             size_t recent_limit) const {
  omnihub::v1::Customer360 view;
  *view.mutable_customer() = Profile(customer, outcomes);
  auto orders = Orders(outcomes);
  if (orders.size() > recent_limit) orders.resize(recent_limit);
  for (auto& order : orders) *view.add_recent_orders() = std::move(order);
  auto cases = OpenCases(outcomes, customer.customer_id);
  if (cases.size() > recent_limit) cases.resize(recent_limit);
  for (auto& c : cases) *view.add_open_cases() = std::move(c);
  auto contacts = Contacts(outcomes, customer.customer_id);
  if (contacts.size() > recent_limit) contacts.resize(recent_limit);
  for (auto& contact : contacts) *view.add_recent_contacts() = std::move(contact);
  *view.mutable_payments() = Payments(outcomes, recent_limit);
  if (auto loyalty = Loyalty(outcomes)) *view.mutable_loyalty() = *std::move(loyalty);
  for (auto& status : Statuses(outcomes)) *view.add_sources() = std::move(status);
  *view.mutable_assembled_at() = TimeUtil::GetCurrentTime();
  return view;
}

}  // namespace omnihub::hub
