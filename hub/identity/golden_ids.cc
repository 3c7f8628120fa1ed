#include "hub/identity/golden_ids.h"

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace omnihub::hub {

bool IsGoldenIdShape(const std::string& id) {
  if (id.size() != 18 || id.compare(0, 2, "C-") != 0) return false;
  return std::all_of(id.begin() + 2, id.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
  });
}

bool IsIssuedAtShape(const std::string& at) {
  absl::Time time;
  std::string error;
  return at.size() == 24 && at[19] == '.' && at.back() == 'Z' &&
         absl::ParseTime(absl::RFC3339_full, at, &time, &error);
}

namespace {

// Why `row` cannot be trusted whatever else is stored ("" when it can).
std::string ShapeProblem(const IssuedId& row, const std::vector<std::string>& known_systems) {
  const std::string prefix = "account:";
  const size_t colon = row.account_key.find(':', prefix.size());
  if (row.account_key.compare(0, prefix.size(), prefix) != 0 || colon == std::string::npos ||
      colon == prefix.size() || colon + 1 == row.account_key.size()) {
    return "the account key is not account:<system>:<number>";
  }
  if (const std::string system = row.account_key.substr(prefix.size(), colon - prefix.size());
      std::find(known_systems.begin(), known_systems.end(), system) == known_systems.end()) {
    return absl::StrCat("system '", system, "' is not configured");
  }
  if (!IsGoldenIdShape(row.customer_id)) return "the id is not C- and 16 hex digits";
  if (!IsIssuedAtShape(row.issued_at)) {
    return "the issue time is not like 2026-11-29T05:00:00.123Z";
  }
  return "";
}

// Why the reissued `row` cannot join the ids its account holds ("" when it can).
std::string ReissueProblem(const IssuedId& row, const IssuedIds& trusted) {
  auto held = trusted.find(row.account_key);
  if (held == trusted.end()) return "a reissued id of an account with no first id";
  for (const auto& id : held->second) {
    if (id.customer_id == row.customer_id) return "the account holds this id already";
  }
  if (row.issued_at <= held->second.front().issued_at) {
    return "a reissued id not issued after the account's first id";
  }
  return "";
}

}  // namespace

CheckedIssuedIds CheckIssuedIds(const std::vector<IssuedId>& rows,
                                const std::vector<std::string>& known_systems) {
  CheckedIssuedIds checked;
  // First ids before reissued ones: those are checked against their account's first id.
  for (const bool reissued : {false, true}) {
    for (const auto& row : rows) {
      if (row.reissued != reissued) continue;
      std::string problem = ShapeProblem(row, known_systems);
      if (problem.empty() && !reissued) {
        if (!checked.ids.try_emplace(row.account_key, 1, row).second) {
          problem = "the account has an id already";
        }
      } else if (problem.empty()) {
        problem = ReissueProblem(row, checked.ids);
        if (problem.empty()) {
          // After the first id, the reissued ones by issue time.
          auto& held = checked.ids[row.account_key];
          held.insert(std::upper_bound(held.begin() + 1, held.end(), row,
                                       [](const IssuedId& a, const IssuedId& b) {
                                         return a.issued_at < b.issued_at;
                                       }),
                      row);
        }
      }
      if (!problem.empty()) {
        checked.rejected.push_back(
            absl::StrCat("'", row.account_key, "' -> '", row.customer_id, "': ", problem));
      }
    }
  }
  return checked;
}

ChosenIds ChooseGoldenIds(const std::vector<std::vector<std::string>>& components,
                          const IssuedIds& issued,
                          const std::function<std::string(size_t component, int attempt)>& fresh_id,
                          const std::function<bool(const std::string& id)>& in_use) {
  ChosenIds chosen;
  chosen.customers.resize(components.size());

  // Every issued id held in this build, earliest first: each component takes its first one free.
  struct Claim {
    const IssuedId* id;
    size_t component;
  };
  std::vector<Claim> claims;
  for (size_t c = 0; c < components.size(); ++c) {
    for (const auto& key : components[c]) {
      auto it = issued.find(key);
      if (it == issued.end()) continue;
      for (const auto& id : it->second) claims.push_back({&id, c});
    }
  }
  std::sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
    return std::tie(a.id->issued_at, a.id->customer_id, a.id->account_key) <
           std::tie(b.id->issued_at, b.id->customer_id, b.id->account_key);
  });
  absl::flat_hash_set<std::string> taken;
  const auto unavailable = [&](const std::string& id) {
    return taken.contains(id) || (in_use && in_use(id));
  };
  for (const auto& claim : claims) {
    auto& customer = chosen.customers[claim.component];
    if (!customer.customer_id.empty() || unavailable(claim.id->customer_id)) continue;
    customer.customer_id = claim.id->customer_id;
    taken.insert(customer.customer_id);
  }
  for (size_t c = 0; c < components.size(); ++c) {
    auto& customer = chosen.customers[c];
    if (!customer.customer_id.empty()) continue;
    std::string id = fresh_id(c, 0);
    for (int attempt = 1; unavailable(id); ++attempt) id = fresh_id(c, attempt);
    customer.customer_id = std::move(id);
    taken.insert(customer.customer_id);
  }

  for (const auto& claim : claims) {
    auto& customer = chosen.customers[claim.component];
    const std::string& id = claim.id->customer_id;
    // An id no customer took stays with the first component that claimed it.
    if (!unavailable(id)) {
      taken.insert(id);
      customer.aliases.push_back(id);
    }
  }
  for (size_t c = 0; c < components.size(); ++c) {
    const std::string& id = chosen.customers[c].customer_id;
    for (const auto& key : components[c]) {
      auto held = issued.find(key);
      if (held == issued.end()) {
        chosen.to_record.push_back({key, id, ""});
      } else if (std::none_of(held->second.begin(), held->second.end(),
                              [&](const IssuedId& row) { return row.customer_id == id; })) {
        chosen.to_reissue.push_back({key, id, "", true});
      }
    }
  }
  return chosen;
}

}  // namespace omnihub::hub
