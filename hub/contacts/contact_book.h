// ContactBook: where the contacts agents log through the hub (ContactService.LogContact) are
// kept. The hub is their system of record; the backends' own contact history is merged with them
// by time (architecture.md, "What the hub itself owns"). Implemented by hub/store's
// ContactRepository; tests may use an in-memory one.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "omnihub/v1/contact.pb.h"

namespace omnihub::hub {

// The system name logged contacts carry (Contact.source_system, SourceStatus.system).
inline constexpr char kHubSystem[] = "hub";

// What the caller asked to log: `contact` with customer_id (the golden id it resolved to),
// channel, direction, agent_id, summary, optional case_id and optional occurred_at (unset: now).
struct ContactToLog {
  omnihub::v1::Contact contact;
  std::string idempotency_key;
};

// A contact with when the store recorded it (the hub's clock, UTC).
struct RecordedContact {
  omnihub::v1::Contact contact;
  google::protobuf::Timestamp recorded_at;
};

struct LoggedContact {
  // As stored: contact_id and source_system ("hub") assigned, occurred_at set.
  omnihub::v1::Contact contact;
  // False when the key had been used before for the same contact: nothing was written and
  // `contact` is the first one.
  bool created = false;
};

// Thread-safe. Every method may block on a database: call them where blocking is allowed.
class ContactBook {
 public:
  virtual ~ContactBook() = default;

  // Logs `request` once per idempotency key: a retry with the same key and the same contact
  // answers the first contact (created = false) and writes nothing; the same key with a
  // different contact is ALREADY_EXISTS naming the first contact and the fields that differ.
  // Several hubs sharing one store may race on a key: exactly one writes.
  virtual absl::StatusOr<LoggedContact> Log(const ContactToLog& request) = 0;

  // The contacts logged for any of `customer_ids` (a customer's golden id and the ids merged
  // into it), newest first (occurred_at, then contact_id), at most `limit`.
  virtual absl::StatusOr<std::vector<omnihub::v1::Contact>> List(
      const std::vector<std::string>& customer_ids, int limit) = 0;

  // The contacts recorded at or after `since`, oldest first (recorded_at, then contact_id), at
  // most `limit`: how a hub learns what other hubs sharing the store logged.
  virtual absl::StatusOr<std::vector<RecordedContact>> RecordedSince(
      const google::protobuf::Timestamp& since, int limit) = 0;
};

}  // namespace omnihub::hub
