// AccountRefresher: keeps the identity index current from change events. A backend announces a
// customer account it created, changed or deleted (EVENT_TYPE_CUSTOMER_CHANGED with the account
// number); the refresher asks that system's adapter for the account (its profile, which carries
// all the account's identifiers) and hands them to IdentityLinker::SubmitAccount, which adds the
// new ones and withdraws those the account no longer has; when the system answers NOT_FOUND, the
// account is removed from its customer (IdentityLinker::SubmitRemoval).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adapters/events/change_codec.h"
#include "adapters/sdk/adapter.h"
#include "hub/identity/identity_linker.h"

namespace omnihub::hub {

struct AccountRefresherStats {
  uint64_t requested = 0;  // CUSTOMER_CHANGED events taken
  uint64_t applied = 0;    // accounts added, updated or removed in the index
  uint64_t failed = 0;     // fetch or update failed (logged through the report hook)
  uint64_t withdrawn = 0;  // identifiers that stopped resolving to a customer
  uint64_t removed = 0;    // accounts their systems no longer have, removed
  uint64_t split = 0;      // customers split off because no identifier held them together
  uint64_t merged = 0;     // customers merged into another because an identifier joined them
};

// Thread-safe; OnChange never blocks (the fetch is asynchronous, the index update runs on the
// linker's blocking executor). The adapters and the linker must outlive it.
class AccountRefresher {
 public:
  // Called once per refresh with the system, account and the outcome (for the log).
  using Report = std::function<void(const std::string& system, const std::string& account_id,
                                    const absl::StatusOr<AccountUpdate::Outcome>& outcome)>;

  AccountRefresher(std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters,
                   IdentityLinker& linker, std::chrono::milliseconds timeout, Report report = {});

  // Takes `change` when it is a CUSTOMER_CHANGED (true), ignores any other (false). A change of a
  // system without a profile-capable adapter, or with an empty account number, is reported
  // failed (INVALID_ARGUMENT / NOT_FOUND naming what is wrong), as is a NOT_FOUND for an account
  // no customer has.
  bool OnChange(const omnihub::events::BackendChange& change);

  // The account as the identity index takes it, from the profile `system` answered for
  // `account_id` (its own account number is not repeated; other identifiers belong to the person,
  // so an e-mail's system is cleared).
  static omnihub::sdk::AccountIdentity FromProfile(const std::string& system,
                                                   const std::string& account_id,
                                                   const omnihub::v1::Customer& profile);

  AccountRefresherStats stats() const;

 private:
  void Finish(const std::string& system, const std::string& account_id,
              const absl::StatusOr<AccountUpdate::Outcome>& outcome);

  const std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters_;
  IdentityLinker& linker_;
  const std::chrono::milliseconds timeout_;
  Report report_;
  std::atomic<uint64_t> requested_{0};
  std::atomic<uint64_t> applied_{0};
  std::atomic<uint64_t> failed_{0};
  std::atomic<uint64_t> withdrawn_{0};
  std::atomic<uint64_t> removed_{0};
  std::atomic<uint64_t> split_{0};
  std::atomic<uint64_t> merged_{0};
};

}  // namespace omnihub::hub
