#include "tools/identity_eval/identity_eval.h"

#include <boost/asio/io_context.hpp>
#include <future>
#include <map>
#include <set>
#include <unordered_map>

#include "adapters/reference/reference_adapter.h"
#include "adapters/reference/world_cache.h"
#include "hub/server/identity_scan.h"

namespace omnihub::identity_eval {

std::vector<hub::IdentityIndex::SystemAccounts> ScanWorld(uint64_t seed, int customers) {
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  std::thread runner([&io] { io.run(); });
  std::vector<std::shared_ptr<sdk::Adapter>> adapters;
  for (const char* system : {"erp", "ecommerce", "mainframe", "payment", "pos"}) {
    sdk::AdapterConfig config{system,
                              "reference",
                              {{"slice", system},
                               {"seed", std::to_string(seed)},
                               {"customers", std::to_string(customers)}},
                              "identity_eval"};
    auto adapter = reference::MakeReferenceAdapter(config, {io.get_executor()});
    if (adapter.ok()) adapters.push_back(std::shared_ptr<sdk::Adapter>(*std::move(adapter)));
  }
  auto report = hub::ScanIdentities(adapters, std::chrono::seconds(60), nullptr);
  work.reset();
  runner.join();
  return std::move(report.systems);
}

QualityReport Evaluate(const world::World& world, const hub::IdentityIndex& index,
                       size_t candidate_limit) {
  QualityReport report;
  std::unordered_map<std::string, std::string> person_of;  // "system:account" -> person
  for (const auto& row : world.Truth()) {
    person_of[std::string(world::SystemName(row.system)) + ":" + row.account_id] = row.person_id;
  }
  auto person = [&](const hub::LinkedAccountRecord& account) {
    auto it = person_of.find(account.system + ":" + account.account_id);
    return it == person_of.end() ? std::string("?") : it->second;
  };

  // Automatic links.
  std::unordered_map<std::string, uint64_t> accounts_per_person;
  std::unordered_map<std::string, std::set<uint32_t>> golden_of_person;
  report.golden_customers = index.size();
  for (uint32_t c = 0; c < index.size(); ++c) {
    std::map<std::string, uint64_t> people;
    const auto& customer = index.customer(c);
    for (const auto& account : customer.accounts) {
      const std::string who = person(account);
      ++people[who];
      ++accounts_per_person[who];
      golden_of_person[who].insert(c);
      ++report.accounts;
    }
    const uint64_t n = customer.accounts.size();
    uint64_t same = 0;
    for (const auto& [who, count] : people) same += count * (count - 1) / 2;
    report.automatic.true_pairs += same;
    report.automatic.false_pairs += n * (n - 1) / 2 - same;
  }
  uint64_t same_person_pairs = 0;
  for (const auto& [who, count] : accounts_per_person) same_person_pairs += count * (count - 1) / 2;
  report.automatic.missed_pairs = same_person_pairs - report.automatic.true_pairs;
  report.people = accounts_per_person.size();

  // Candidate matches between golden customers. A golden customer's person is the person of its
  // first account (a golden customer that mixes people is already counted as a false link).
  auto golden_person = [&](uint32_t c) { return person(index.customer(c).accounts.front()); };
  std::set<std::pair<uint32_t, uint32_t>> proposed;
  for (uint32_t c = 0; c < index.size(); ++c) {
    const auto& customer = index.customer(c);
    if (customer.accounts.empty()) continue;
    for (const auto& match :
         index.FindCandidates(hub::CandidateQuery::Of(customer), candidate_limit)) {
      if (match.customer_index == c) continue;
      proposed.emplace(std::min(c, match.customer_index), std::max(c, match.customer_index));
    }
  }
  for (const auto& [a, b] : proposed) {
    if (golden_person(a) == golden_person(b)) {
      ++report.candidates.true_pairs;
    } else {
      ++report.candidates.false_pairs;
    }
  }
  for (const auto& [who, goldens] : golden_of_person) {
    std::vector<uint32_t> list(goldens.begin(), goldens.end());
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size(); ++j) {
        if (!proposed.count({list[i], list[j]})) ++report.candidates.missed_pairs;
      }
    }
  }
  return report;
}

}  // namespace omnihub::identity_eval
