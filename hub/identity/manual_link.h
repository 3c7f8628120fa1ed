// ManualLinkEvent: one identifier linked to or unlinked from a golden customer by an agent
// (LinkIdentifier/UnlinkIdentifier), and ManualLinkLog, where these events are kept durably (the
// hub's store) so they survive restarts and form the audit trail.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::hub {

enum class ManualLinkAction { kLink, kUnlink };

// "link" / "unlink".
inline const char* ManualLinkActionName(ManualLinkAction action) {
  return action == ManualLinkAction::kLink ? "link" : "unlink";
}

// One agent's link or unlink, as recorded. A plain value.
struct ManualLinkEvent {
  // The log's order (1, 2, ...); 0 until the log assigns it.
  int64_t seq = 0;
  ManualLinkAction action = ManualLinkAction::kLink;
  // The golden customer the agent named.
  std::string customer_id;
  // Normalised (IdentifierNormalizer::Normalize).
  omnihub::v1::Identifier identifier;
  std::string agent_id;
  std::string reason;
  // UTC, "2026-11-29T05:00:00Z".
  std::string recorded_at;

  // The audit line shown with the identifier: "manual link by agent A17 at
  // 2026-11-29T05:00:00Z: verified on the phone".
  std::string AuditNote() const {
    return absl::StrCat("manual ", ManualLinkActionName(action), " by agent ", agent_id, " at ",
                        recorded_at, ": ", reason);
  }
};

// Where manual link events are kept. Implementations block (a database): call them from a
// blocking executor, never from a gRPC or I/O thread.
class ManualLinkLog {
 public:
  virtual ~ManualLinkLog() = default;
  // Appends `event` durably and answers the seq it was given (the next after every event already
  // in the log, also those written by other hubs sharing the log).
  virtual absl::StatusOr<int64_t> Append(const ManualLinkEvent& event) = 0;
  // Every event with seq > `after_seq`, in seq order.
  virtual absl::StatusOr<std::vector<ManualLinkEvent>> ReadAfter(int64_t after_seq) = 0;
};

}  // namespace omnihub::hub
