#include "hub/identity/account_refresher.h"

#include "absl/strings/str_cat.h"

namespace omnihub::hub {

AccountRefresher::AccountRefresher(std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters,
                                   IdentityLinker& linker, std::chrono::milliseconds timeout,
                                   Report report)
    : adapters_(std::move(adapters)),
      linker_(linker),
      timeout_(timeout),
      report_(std::move(report)) {}

omnihub::sdk::AccountIdentity AccountRefresher::FromProfile(const std::string& system,
                                                            const std::string& account_id,
                                                            const omnihub::v1::Customer& profile) {
  omnihub::sdk::AccountIdentity account;
  account.account_id = account_id;
  account.display_name = profile.display_name();
  account.postal_code = profile.address().postal_code();
  for (auto identifier : profile.identifiers()) {
    const bool account_number = identifier.type() == omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER;
    if (account_number && identifier.system() == system) continue;
    if (!account_number) identifier.clear_system();
    account.identifiers.push_back(std::move(identifier));
  }
  return account;
}

bool AccountRefresher::OnChange(const omnihub::events::BackendChange& change) {
  if (change.type() != omnihub::v1::EVENT_TYPE_CUSTOMER_CHANGED) return false;
  ++requested_;
  const std::string system = change.system();
  const std::string account_id = change.account_id();
  if (account_id.empty()) {
    Finish(system, account_id,
           absl::InvalidArgumentError("the customer change names no account number"));
    return true;
  }
  std::shared_ptr<omnihub::sdk::Adapter> adapter;
  for (const auto& candidate : adapters_) {
    if (candidate->info().system == system) adapter = candidate;
  }
  if (adapter == nullptr || !adapter->info().capabilities.Has(omnihub::sdk::Capability::kProfile)) {
    Finish(system, account_id,
           absl::NotFoundError(
               absl::StrCat("no adapter of system '", system, "' can read a customer profile")));
    return true;
  }
  omnihub::sdk::FetchRequest request;
  request.account_ids = {account_id};
  request.sections = {omnihub::v1::SECTION_PROFILE};
  const auto deadline = IdentityLinker::Clock::now() + timeout_;
  adapter->Fetch(
      request, omnihub::sdk::CallContext::WithTimeout(timeout_),
      [this, system, account_id, deadline](absl::StatusOr<omnihub::sdk::SourceData> data) {
        if (absl::IsNotFound(data.status())) {
          // The system no longer has the account; one no customer has is told as it was.
          linker_.SubmitRemoval(
              system, account_id, deadline,
              [this, system, account_id,
               fetched = data.status()](absl::StatusOr<AccountUpdate::Outcome> outcome) {
                Finish(system, account_id, absl::IsNotFound(outcome.status()) ? fetched : outcome);
              });
          return;
        }
        if (!data.ok() || !data->profile) {
          Finish(system, account_id,
                 data.ok() ? absl::NotFoundError("the system answered no profile") : data.status());
          return;
        }
        linker_.SubmitAccount(
            system, FromProfile(system, account_id, *data->profile), deadline,
            [this, system, account_id](absl::StatusOr<AccountUpdate::Outcome> outcome) {
              Finish(system, account_id, outcome);
            });
      });
  return true;
}

void AccountRefresher::Finish(const std::string& system, const std::string& account_id,
                              const absl::StatusOr<AccountUpdate::Outcome>& outcome) {
  if (outcome.ok()) {
    ++applied_;
    withdrawn_ += outcome->withdrawn.size();
    removed_ += outcome->removed_account ? 1 : 0;
    split_ += outcome->split_ids.size();
    merged_ += outcome->merged_ids.size();
  } else {
    ++failed_;
  }
  if (report_) report_(system, account_id, outcome);
}

AccountRefresherStats AccountRefresher::stats() const {
  return {requested_.load(), applied_.load(), failed_.load(), withdrawn_.load(),
          removed_.load(),   split_.load(),   merged_.load()};
}

}  // namespace omnihub::hub
