// The canonical data an adapter hands back: what one source system holds about one customer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "omnihub/v1/common.pb.h"
#include "omnihub/v1/contact.pb.h"
#include "omnihub/v1/customer.pb.h"
#include "omnihub/v1/order.pb.h"

namespace omnihub::sdk {

// What one source system returned for one customer, already in canonical form.
// Each adapter fills only the sections it was asked for and is able to provide; every record
// carries `source_system` set to the adapter's system name.
struct SourceData {
  // Profile fields as this system holds them (partial: unset fields are unknown here).
  std::optional<omnihub::v1::Customer> profile;
  std::vector<omnihub::v1::Order> orders;
  std::vector<omnihub::v1::Contact> contacts;
  std::vector<omnihub::v1::Payment> payments;
  std::optional<omnihub::v1::LoyaltySummary> loyalty;
  // Service cases, most recently updated first (only the hub's own store keeps them).
  std::vector<omnihub::v1::Case> cases;
  // Sections this system answered only in part, with why, worded for the agent: e.g. payments
  // without their fraud assessments because the fraud engine did not answer. The hub shows it
  // in the source's status detail (the source stays OK: what it answered is current).
  std::map<omnihub::v1::Section, std::string> incomplete;
};

// One account in a source system with every identifier it holds for the account holder, including
// cross-references to other systems' accounts (type ACCOUNT_NUMBER with `system` set).
struct AccountIdentity {
  std::string account_id;
  std::vector<omnihub::v1::Identifier> identifiers;
  // Evidence for fuzzy matching only (never used to link automatically).
  std::string display_name;
  std::string postal_code;
};

// One page of an identity scan.
struct IdentityPage {
  std::vector<AccountIdentity> accounts;
  // Empty when the scan is complete.
  std::string next_cursor;
};

}  // namespace omnihub::sdk
