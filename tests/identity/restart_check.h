// RestartCheck: the hub as it runs (the index built keeping ids, a linker recording the ids of
// accounts announced after start-up) and the check that what change events made of the index is
// what a restart over the changed data gives, with the ids recorded since.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "hub/identity/identity_linker.h"
#include "hub/identity/stable_build.h"
#include "tests/identity/identity_fixtures.h"

namespace omnihub::hub::identity_testing {

inline constexpr auto kEmail = omnihub::v1::IDENTIFIER_TYPE_EMAIL;
inline constexpr auto kPhone = omnihub::v1::IDENTIFIER_TYPE_PHONE;
inline constexpr auto kTwitter = omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE;
inline const std::vector<std::string> kHubOrder = {"erp", "ecommerce", "pos"};

// Jane: erp C1 and web W1 share her e-mail, W1 and the till's P1 her handle. John: erp C2.
inline std::vector<IdentityIndex::SystemAccounts> JaneAndJohn() {
  const omnihub::v1::Identifier email = Raw(kEmail, "jane@example.com"),
                                handle = Raw(kTwitter, "@janed"),
                                phone = Raw(kPhone, "07700 900123");
  return {{"erp",
           {{"C1", {email, phone}, "Jane Doe", "LS1 4AB"},
            {"C2", {Raw(kEmail, "john@example.com")}, "John Doe", "M1 1AA"}}},
          {"ecommerce", {{"W1", {email, handle}, "Jane Doe", ""}}},
          {"pos", {{"P1", {handle, phone}, "J Doe", ""}}}};
}

// `systems` with the account `account_id` of `system` declaring `identifiers` (none: deleted).
inline std::vector<IdentityIndex::SystemAccounts> Changed(
    std::vector<IdentityIndex::SystemAccounts> systems, const std::string& system,
    const std::string& account_id,
    std::optional<std::vector<omnihub::v1::Identifier>> identifiers) {
  for (auto& entry : systems) {
    if (entry.system != system) continue;
    auto& accounts = entry.accounts;
    for (auto it = accounts.begin(); it != accounts.end(); ++it) {
      if (it->account_id != account_id) continue;
      if (identifiers) {
        it->identifiers = *identifiers;
      } else {
        accounts.erase(it);
      }
      break;
    }
  }
  return systems;
}

// `systems` with `account` added to `system` (a system of its own if there is none).
inline std::vector<IdentityIndex::SystemAccounts> With(
    std::vector<IdentityIndex::SystemAccounts> systems, const std::string& system,
    const omnihub::sdk::AccountIdentity& account) {
  for (auto& entry : systems) {
    if (entry.system == system) {
      entry.accounts.push_back(account);
      return systems;
    }
  }
  systems.push_back({system, {account}});
  return systems;
}

inline omnihub::v1::Identifier AccountNumberOf(const std::string& system,
                                               const std::string& account_id) {
  return Id(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, account_id, system);
}

// Every account of `systems`: the id of the customer it resolves to in `index`, that customer's
// accounts and the ids merged into them (but those in `leave_out`).
inline std::map<std::string, std::string> Groupings(
    const IdentityIndex& index, const std::vector<IdentityIndex::SystemAccounts>& systems,
    const std::set<std::string>& leave_out = {}) {
  std::map<std::string, std::string> groupings;
  for (const auto& entry : systems) {
    for (const auto& account : entry.accounts) {
      const auto found = index.Find(AccountNumberOf(entry.system, account.account_id));
      std::string& line = groupings[entry.system + ":" + account.account_id];
      if (found.size() != 1) {
        line = absl::StrCat(found.size(), " customers");
        continue;
      }
      std::set<std::string> accounts, merged;
      for (const auto& id : found[0]->merged_ids) {
        if (!leave_out.contains(id)) merged.insert(id);
      }
      for (const auto& linked : found[0]->accounts) {
        accounts.insert(linked.system + ":" + linked.account_id);
      }
      line = absl::StrCat(found[0]->customer_id, " {", absl::StrJoin(accounts, " "), "} merged {",
                          absl::StrJoin(merged, " "), "}");
    }
  }
  return groupings;
}

class RestartCheck : public ::testing::Test {
 protected:
  RestartCheck(const std::vector<IdentityIndex::SystemAccounts>& world,
               std::vector<std::string> order)
      : order_(std::move(order)) {
    directory_.Replace(Build(world));
    linker_.SetIssuedIds(&registry_);
    EXPECT_TRUE(linker_.Start(log_, RunInline).ok());
  }
  std::shared_ptr<const IdentityIndex> Build(const std::vector<IdentityIndex::SystemAccounts>& s) {
    auto built =
        BuildKeepingIds(registry_, s, order_, Normalizer(), {}, order_, UnlinkedKeys(log_.events));
    EXPECT_TRUE(built.ok()) << built.status();
    EXPECT_TRUE(built.ok() && built->rejected.empty());
    return built.ok() ? built->index : std::make_shared<const IdentityIndex>();
  }
  // The index now against a restart over `changed` with the ids recorded since and the agents'
  // events replayed (answered).
  // `until_restart`: ids merged into a customer now that no recorded id keeps after a restart.
  std::shared_ptr<const IdentityIndex> ExpectWhatARestartGives(
      const std::vector<IdentityIndex::SystemAccounts>& changed,
      const std::set<std::string>& until_restart = {}) {
    const auto now = directory_.snapshot();
    ManualLinks replayed(Build(changed));
    replayed.ApplyAll(log_.events);
    const auto restarted = replayed.current();
    EXPECT_EQ(Groupings(*now, changed, until_restart), Groupings(*restarted, changed));
    EXPECT_EQ(now->stats().customers, restarted->stats().customers);
    EXPECT_EQ(now->stats().accounts, restarted->stats().accounts);
    EXPECT_EQ(now->stats().identifiers, restarted->stats().identifiers);
    for (const auto& entry : changed) {
      for (const auto& account : entry.accounts) {
        for (const auto& raw : account.identifiers) {
          const omnihub::v1::Identifier identifier = Id(raw.type(), raw.value());
          EXPECT_EQ(IdOf(*now, identifier), IdOf(*restarted, identifier))
              << IdentifierNormalizer::Key(identifier);
        }
      }
    }
    return restarted;
  }
  // The hub restarts over `systems`: builds keeping the recorded ids, replays the agents' events.
  void Restart(const std::vector<IdentityIndex::SystemAccounts>& systems) {
    directory_.Replace(Build(systems));
    EXPECT_TRUE(linker_.Start(log_, RunInline).ok());
  }
  // Applies `account` of `system` through the linker, which is to split one customer off (its
  // id recorded): that customer's id ("" and a test failure otherwise).
  std::string SplitOff(const std::string& system, const omnihub::sdk::AccountIdentity& account) {
    auto outcome = linker_.ApplyAccount(system, account);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    if (!outcome.ok()) return "";
    EXPECT_TRUE(outcome->not_recorded.empty()) << outcome->not_recorded;
    EXPECT_EQ(outcome->split_ids.size(), 1u) << outcome->Summary();
    return outcome->split_ids.size() == 1 ? outcome->split_ids[0] : "";
  }
  // An agent's link or unlink, through the linker: its outcome.
  absl::Status Submit(ManualLinkEvent event) {
    absl::Status status = absl::UnknownError("not answered");
    linker_.Submit(std::move(event), IdentityLinker::Clock::now(),
                   [&](absl::StatusOr<ResolvedCustomer> result) { status = result.status(); });
    return status;
  }
  std::string Resolve(const omnihub::v1::Identifier& identifier) {
    return IdOf(*directory_.snapshot(), identifier);
  }

  const std::vector<std::string> order_;
  // The ids of JaneAndJohn's customers.
  const std::string jane_ = IdentityIndex::GoldenIdFor("account:erp:C1");
  const std::string john_ = IdentityIndex::GoldenIdFor("account:erp:C2");
  MemoryRegistry registry_;
  CustomerDirectory directory_{Normalizer()};
  MemoryLog log_;
  IdentityLinker linker_{directory_};
};

}  // namespace omnihub::hub::identity_testing
