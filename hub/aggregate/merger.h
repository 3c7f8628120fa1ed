// Merger: turns the outcomes of a fan-out into one canonical answer (Customer 360, order list,
// contact list), choosing between systems by survivorship rules and reporting each source's status.
#pragma once

#include <optional>
#include <vector>

#include "adapters/sdk/identifier_normalizer.h"
#include "hub/aggregate/fan_out.h"
#include "hub/aggregate/survivorship.h"
#include "hub/identity/identity_index.h"
#include "omnihub/v1/customer.pb.h"

namespace omnihub::hub {

using omnihub::sdk::IdentifierNormalizer;

// Thread-safe: immutable after construction.
class Merger {
 public:
  Merger(SurvivorshipRules rules, const IdentifierNormalizer& normalizer)
      : rules_(std::move(rules)), normalizer_(normalizer) {}

  // The profile: each field from the best-ranked source that has it (recorded in field_sources);
  // identifiers and accounts from the identity index.
  omnihub::v1::Customer Profile(const GoldenCustomer& customer,
                                const std::vector<SourceOutcome>& outcomes) const;

  // Orders of every source, one per order number (the best-ranked source's copy, completed from
  // the others'), newest first.
  std::vector<omnihub::v1::Order> Orders(const std::vector<SourceOutcome>& outcomes) const;

  // Contacts of every source, newest first, attributed to `customer_id`.
  std::vector<omnihub::v1::Contact> Contacts(const std::vector<SourceOutcome>& outcomes,
                                             const std::string& customer_id) const;

  // The cases of every source still open (OPEN or PENDING), most recently updated first,
  // attributed to `customer_id` (a case opened under an id merged since into it is theirs).
  std::vector<omnihub::v1::Case> OpenCases(const std::vector<SourceOutcome>& outcomes,
                                           const std::string& customer_id) const;

  // Payments newest first with totals.
  omnihub::v1::PaymentSummary Payments(const std::vector<SourceOutcome>& outcomes,
                                       size_t limit) const;

  // Loyalty card from the best-ranked source that has one; store card likewise.
  std::optional<omnihub::v1::LoyaltySummary> Loyalty(
      const std::vector<SourceOutcome>& outcomes) const;

  // One SourceStatus per outcome; `detail` says why a source failed, or which of its sections it
  // answered only in part (SourceData::incomplete) and how old a cached answer is.
  static std::vector<omnihub::v1::SourceStatus> Statuses(
      const std::vector<SourceOutcome>& outcomes);

  // The Customer 360 of `customer`, with at most `recent_limit` orders, open cases and contacts.
  omnihub::v1::Customer360 Customer360(const GoldenCustomer& customer,
                                       const std::vector<SourceOutcome>& outcomes,
                                       size_t recent_limit) const;

  const SurvivorshipRules& rules() const { return rules_; }

 private:
  SurvivorshipRules rules_;
  const IdentifierNormalizer& normalizer_;
};

}  // namespace omnihub::hub
