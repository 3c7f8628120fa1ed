// Fixtures shared by the identity tests: the normaliser (GB), identifiers raw and normalised, who
// an identifier resolves to, an agent's link event, an in-memory link log, an in-memory registry
// of issued ids and an inline executor for IdentityLinker.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "hub/identity/identity_linker.h"

namespace omnihub::hub::identity_testing {

inline const IdentifierNormalizer& Normalizer() {
  static const IdentifierNormalizer normalizer("GB");
  return normalizer;
}

// An identifier as a system or a caller gives it.
inline omnihub::v1::Identifier Raw(omnihub::v1::IdentifierType type, std::string value,
                                   std::string system = "") {
  omnihub::v1::Identifier identifier;
  identifier.set_type(type);
  identifier.set_value(std::move(value));
  identifier.set_system(std::move(system));
  return identifier;
}

// The same, normalised (a test failure, and the raw identifier, when it cannot be).
inline omnihub::v1::Identifier Id(omnihub::v1::IdentifierType type, std::string value,
                                  std::string system = "") {
  const omnihub::v1::Identifier raw = Raw(type, std::move(value), std::move(system));
  auto normalized = Normalizer().Normalize(raw);
  EXPECT_TRUE(normalized.ok()) << normalized.status();
  return normalized.ok() ? *normalized : raw;
}

// The customer a normalised identifier resolves to in `index`; "" when none or several.
inline std::string IdOf(const IdentityIndex& index, const omnihub::v1::Identifier& identifier) {
  auto found = index.Find(identifier);
  return found.size() == 1 ? found.front()->customer_id : "";
}

// An agent's (A17) link or unlink.
inline ManualLinkEvent Event(ManualLinkAction action, std::string customer_id,
                             omnihub::v1::Identifier identifier,
                             std::string reason = "verified on the phone") {
  ManualLinkEvent event;
  event.action = action;
  event.customer_id = std::move(customer_id);
  event.identifier = std::move(identifier);
  event.agent_id = "A17";
  event.reason = std::move(reason);
  event.recorded_at = "2026-11-29T05:00:00Z";
  return event;
}

// An in-memory log that can be told to fail (`fail`).
class MemoryLog : public ManualLinkLog {
 public:
  absl::StatusOr<int64_t> Append(const ManualLinkEvent& event) override {
    if (!fail.ok()) return fail;
    events.push_back(event);
    events.back().seq = static_cast<int64_t>(events.size());
    return events.back().seq;
  }
  absl::StatusOr<std::vector<ManualLinkEvent>> ReadAfter(int64_t after_seq) override {
    return std::vector<ManualLinkEvent>(events.begin() + after_seq, events.end());
  }
  std::vector<ManualLinkEvent> events;
  absl::Status fail;
};

// An in-memory registry: insert-if-absent (first ids per account, reissued ones per account and
// id), issued_at from a counter so order is visible; `fail` makes writes fail, `fail_reads` reads.
class MemoryRegistry : public IssuedIdRegistry {
 public:
  absl::StatusOr<std::vector<IssuedId>> ReadAll() override {
    if (!fail_reads.ok()) return fail_reads;
    std::vector<IssuedId> rows;
    for (const auto& [key, row] : rows_) rows.push_back(row);
    for (const auto& [key, row] : reissued_) rows.push_back(row);
    return rows;
  }
  absl::StatusOr<size_t> Record(const std::vector<IssuedId>& ids) override {
    if (!fail.ok()) return fail;
    ++clock_;
    size_t inserted = 0;
    for (const auto& id : ids) inserted += rows_.emplace(id.account_key, Stamped(id, false)).second;
    return inserted;
  }
  absl::StatusOr<size_t> RecordReissued(const std::vector<IssuedId>& ids) override {
    if (!fail.ok()) return fail;
    ++clock_;
    size_t inserted = 0;
    for (const auto& id : ids) {
      inserted +=
          reissued_.emplace(std::pair(id.account_key, id.customer_id), Stamped(id, true)).second;
    }
    return inserted;
  }
  // First ids by account key; reissued ids by account key and id.
  std::map<std::string, IssuedId> rows_;
  std::map<std::pair<std::string, std::string>, IssuedId> reissued_;
  absl::Status fail;
  absl::Status fail_reads;

 private:
  IssuedId Stamped(IssuedId row, bool reissued) const {
    row.issued_at = absl::StrFormat("2026-11-29T05:%02d:%02d.000Z", clock_ / 60, clock_ % 60);
    row.reissued = reissued;
    return row;
  }
  int clock_ = 0;
};

// IdentityLinker's blocking executor for tests: runs the work at once, on the caller's thread.
inline absl::Status RunInline(IdentityLinker::Clock::time_point,
                              std::function<void(absl::Status)> job) {
  job(absl::OkStatus());
  return absl::OkStatus();
}

}  // namespace omnihub::hub::identity_testing
