// CaseBook: where the cases agents open through the hub (ContactService.CreateCase) are kept. The
// hub is their system of record (architecture.md, "What the hub itself owns"). Implemented by
// hub/store's CaseRepository; tests may use an in-memory one.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "omnihub/v1/contact.pb.h"

namespace omnihub::hub {

struct CreatedCase {
  omnihub::v1::Case case_;
  // False when the key had been used before for the same case: nothing was written.
  bool created = false;
};

// Thread-safe. Every method may block on a database: call them where blocking is allowed.
class CaseBook {
 public:
  virtual ~CaseBook() = default;

  // Creates `c` (customer_id, subject, status, priority, optional order_number and
  // owner_agent_id; status unset: OPEN, priority unset: NORMAL) once per key: a retry with the
  // same key and the same case answers the first (created = false); the key with a different case
  // is ALREADY_EXISTS naming the fields that differ. INVALID_ARGUMENT naming the field for what
  // the book cannot hold.
  virtual absl::StatusOr<CreatedCase> Create(const omnihub::v1::Case& c,
                                             const std::string& key) = 0;

  // NOT_FOUND naming the case when there is none.
  virtual absl::StatusOr<omnihub::v1::Case> Get(const std::string& case_id) = 0;

  // The cases of any of `customer_ids`, in any of `statuses` (empty: all), most recently updated
  // first (then case_id), at most `limit`.
  virtual absl::StatusOr<std::vector<omnihub::v1::Case>> List(
      const std::vector<std::string>& customer_ids,
      const std::vector<omnihub::v1::CaseStatus>& statuses, int limit) = 0;

  // Sets the fields of `mask` ("status", "priority", "subject", "owner_agent_id") from `changes`
  // on case `changes.case_id()` and stamps updated_at; answers the case as it is now. NOT_FOUND
  // when there is no such case; INVALID_ARGUMENT naming the field for an unknown path or a value
  // the book cannot hold.
  virtual absl::StatusOr<omnihub::v1::Case> Update(const omnihub::v1::Case& changes,
                                                   const std::vector<std::string>& mask) = 0;

  // The cases opened or changed at `since` or later (by any hub sharing the book), least recently
  // updated first (then case_id), at most `limit`.
  virtual absl::StatusOr<std::vector<omnihub::v1::Case>> ChangedSince(
      const google::protobuf::Timestamp& since, int limit) = 0;
};

}  // namespace omnihub::hub
