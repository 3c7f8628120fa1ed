#include "hub/server/identity_scan.h"

#include <future>
#include <set>

#include "absl/strings/str_cat.h"

namespace omnihub::hub {
namespace {

// One adapter's scan: asks for the next page when the previous one arrives.
class SystemScan : public std::enable_shared_from_this<SystemScan> {
 public:
  SystemScan(std::shared_ptr<omnihub::sdk::Adapter> adapter, std::chrono::milliseconds timeout,
             const std::function<void(const std::string&, size_t)>& progress)
      : adapter_(std::move(adapter)), timeout_(timeout), progress_(progress) {
    result_.system = adapter_->info().system;
  }

  std::future<absl::Status> Start() {
    auto future = done_.get_future();
    Next("");
    return future;
  }
  IdentityIndex::SystemAccounts& result() { return result_; }

 private:
  void Next(const std::string& cursor) {
    adapter_->ScanIdentities(
        cursor, omnihub::sdk::CallContext::WithTimeout(timeout_),
        [self = shared_from_this(), cursor](absl::StatusOr<omnihub::sdk::IdentityPage> page) {
          if (!page.ok()) {
            self->done_.set_value(page.status());
            return;
          }
          auto& accounts = self->result_.accounts;
          accounts.insert(accounts.end(), std::make_move_iterator(page->accounts.begin()),
                          std::make_move_iterator(page->accounts.end()));
          if (self->progress_) self->progress_(self->result_.system, accounts.size());
          if (page->next_cursor.empty()) {
            self->done_.set_value(absl::OkStatus());
          } else if (page->next_cursor == cursor) {
            self->done_.set_value(absl::DataLossError(
                absl::StrCat("identity scan returned the same cursor twice: ", cursor)));
          } else {
            self->Next(page->next_cursor);
          }
        });
  }

  std::shared_ptr<omnihub::sdk::Adapter> adapter_;
  std::chrono::milliseconds timeout_;
  const std::function<void(const std::string&, size_t)>& progress_;
  IdentityIndex::SystemAccounts result_;
  std::promise<absl::Status> done_;
};

// Systems that cannot enumerate their accounts (a mainframe reached only through 3270 screens) are
// known through the others' cross-references: every ACCOUNT_NUMBER identifier naming such a system
// becomes an account of it, with no identifiers of its own (the index links it to the accounts
// that name it).
void AddCrossReferencedAccounts(const std::vector<std::shared_ptr<omnihub::sdk::Adapter>>& adapters,
                                IdentityScanReport& report) {
  for (const auto& adapter : adapters) {
    if (adapter->info().capabilities.Has(omnihub::sdk::Capability::kIdentityScan)) continue;
    IdentityIndex::SystemAccounts named{adapter->info().system, {}};
    std::set<std::string> seen;
    for (const auto& scanned : report.systems) {
      for (const auto& account : scanned.accounts) {
        for (const auto& identifier : account.identifiers) {
          if (identifier.type() == omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER &&
              identifier.system() == named.system && seen.insert(identifier.value()).second) {
            named.accounts.push_back(omnihub::sdk::AccountIdentity{identifier.value(), {}, "", ""});
          }
        }
      }
    }
    if (!named.accounts.empty()) report.systems.push_back(std::move(named));
  }
}

}  // namespace

IdentityScanReport ScanIdentities(
    const std::vector<std::shared_ptr<omnihub::sdk::Adapter>>& adapters,
    std::chrono::milliseconds page_timeout,
    const std::function<void(const std::string& system, size_t accounts)>& progress) {
  std::vector<std::shared_ptr<SystemScan>> scans;
  std::vector<std::future<absl::Status>> results;
  for (const auto& adapter : adapters) {
    if (!adapter->info().capabilities.Has(omnihub::sdk::Capability::kIdentityScan)) continue;
    scans.push_back(std::make_shared<SystemScan>(adapter, page_timeout, progress));
    results.push_back(scans.back()->Start());
  }
  IdentityScanReport report;
  for (size_t i = 0; i < scans.size(); ++i) {
    absl::Status status = results[i].get();
    if (status.ok()) {
      report.systems.push_back(std::move(scans[i]->result()));
    } else {
      report.failures.emplace_back(scans[i]->result().system, status);
    }
  }
  AddCrossReferencedAccounts(adapters, report);
  return report;
}

}  // namespace omnihub::hub
