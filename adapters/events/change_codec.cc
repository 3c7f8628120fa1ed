#include "adapters/events/change_codec.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace omnihub::events {
namespace {

using omnihub::v1::EventType;

constexpr size_t kMaxEventId = 128;
constexpr size_t kMaxSystem = 64;
constexpr size_t kMaxAccountId = 128;
constexpr size_t kMaxSubject = 256;
constexpr size_t kMaxDetail = 1000;
constexpr int kMaxSections = 8;

bool HasControlCharacter(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool IsSystemName(const std::string& system) {
  return !system.empty() && system.size() <= kMaxSystem &&
         std::all_of(system.begin(), system.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

absl::Status Invalid(const std::string& what) {
  return absl::InvalidArgumentError(absl::StrCat("change event: ", what));
}

}  // namespace

std::string TopicFor(std::string_view system, EventType type) {
  return absl::StrCat(std::string(system), "/", static_cast<int>(type));
}

absl::Status ValidateChange(const BackendChange& change) {
  if (change.event_id().empty() || change.event_id().size() > kMaxEventId ||
      HasControlCharacter(change.event_id())) {
    return Invalid("event_id must be 1-128 printable characters");
  }
  if (!omnihub::v1::EventType_IsValid(change.type()) ||
      change.type() == omnihub::v1::EVENT_TYPE_UNSPECIFIED ||
      change.type() == omnihub::v1::EVENT_TYPE_EVENTS_DROPPED) {
    return Invalid(absl::StrCat("type ", static_cast<int>(change.type()), " is not a change type"));
  }
  if (!change.has_occurred_at() ||
      change.occurred_at().seconds() < google::protobuf::util::TimeUtil::kTimestampMinSeconds ||
      change.occurred_at().seconds() > google::protobuf::util::TimeUtil::kTimestampMaxSeconds ||
      change.occurred_at().nanos() < 0 || change.occurred_at().nanos() > 999999999) {
    return Invalid("occurred_at is missing or not a valid time");
  }
  if (!IsSystemName(change.system())) {
    return Invalid(absl::StrCat("system '", change.system().substr(0, kMaxSystem),
                                "' must be 1-64 of a-z, 0-9, '_' and '-'"));
  }
  if (change.account_id().empty() || change.account_id().size() > kMaxAccountId ||
      HasControlCharacter(change.account_id())) {
    return Invalid("account_id must be 1-128 printable characters");
  }
  if (change.subject().size() > kMaxSubject || HasControlCharacter(change.subject())) {
    return Invalid("subject must be at most 256 printable characters");
  }
  if (change.detail().size() > kMaxDetail) return Invalid("detail is longer than 1,000 bytes");
  if (change.affected_sections_size() > kMaxSections) {
    return Invalid("more than 8 affected_sections");
  }
  for (int section : change.affected_sections()) {
    if (!omnihub::v1::Section_IsValid(section) || section == omnihub::v1::SECTION_UNSPECIFIED) {
      return Invalid(absl::StrCat("affected_sections holds ", section, ", not a section"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<EncodedChange> EncodeChange(const BackendChange& change) {
  if (auto status = ValidateChange(change); !status.ok()) return status;
  EncodedChange encoded;
  encoded.topic = TopicFor(change.system(), change.type());
  if (!change.SerializeToString(&encoded.payload)) return Invalid("cannot be serialised");
  if (encoded.payload.size() > kMaxChangeBytes) return Invalid("larger than 64 KiB");
  return encoded;
}

absl::StatusOr<BackendChange> DecodeChange(std::string_view topic, std::string_view payload) {
  if (payload.size() > kMaxChangeBytes) {
    return Invalid(absl::StrCat("payload of ", payload.size(), " bytes is larger than 64 KiB"));
  }
  BackendChange change;
  if (!change.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return Invalid("payload is not a serialised omnihub.changes.v1.BackendChange");
  }
  if (auto status = ValidateChange(change); !status.ok()) return status;
  const std::string expected = TopicFor(change.system(), change.type());
  if (topic != expected) {
    return Invalid(absl::StrCat("topic '", std::string(topic.substr(0, 80)),
                                "' does not match the payload ('", expected, "')"));
  }
  return change;
}

}  // namespace omnihub::events
