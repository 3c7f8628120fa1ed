#include "adapters/mapping/engine/canonical_target.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "adapters/mapping/args.h"

namespace omnihub::mapping::engine {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

std::string Join(std::string_view prefix, std::string_view rest) {
  if (prefix.empty()) return std::string(rest);
  return absl::StrCat(AbslView(prefix), ".", AbslView(rest));
}

bool IsMessage(const FieldDescriptor* f, std::string_view full_name) {
  return f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
         f->message_type()->full_name() == full_name;
}

std::string FieldList(const Descriptor* message) {
  std::vector<std::string> names;
  for (int i = 0; i < message->field_count(); ++i) names.push_back(message->field(i)->name());
  return absl::StrJoin(names, ", ");
}

// Walks `segments` through singular message fields; the last one is returned unchecked.
absl::StatusOr<CanonicalTarget> Walk(const Descriptor* message, std::string_view prefix,
                                     std::string_view relative) {
  CanonicalTarget target;
  target.display = Join(prefix, relative);
  if (relative.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("the target ", target.display,
                                                   " names no field: add one, e.g. ",
                                                   Join(prefix, message->field(0)->name())));
  }
  const std::vector<absl::string_view> segments = absl::StrSplit(AbslView(relative), '.');
  std::string walked(prefix);
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string segment(segments[i]);
    const FieldDescriptor* field = message->FindFieldByName(segment);
    if (field == nullptr) {
      std::vector<std::string> names;
      for (int f = 0; f < message->field_count(); ++f) names.push_back(message->field(f)->name());
      std::string suggestion;
      size_t best = SIZE_MAX;
      for (const std::string& name : names) {
        const size_t d = EditDistance(segment, name);
        if (d < best) {
          best = d;
          suggestion = name;
        }
      }
      std::vector<absl::string_view> fixed(segments.begin(), segments.end());
      fixed[i] = suggestion;
      const std::string unknown = Join(prefix, relative);
      if (best <= 2 && best * 2 < std::max<size_t>(segment.size(), 2)) {
        return absl::InvalidArgumentError(
            absl::StrCat("unknown canonical field ", unknown, " — did you mean ",
                         Join(prefix, absl::StrJoin(fixed, ".")), "?"));
      }
      return absl::InvalidArgumentError(absl::StrCat("unknown canonical field ", unknown, ": ",
                                                     walked.empty() ? "it" : walked, " has ",
                                                     FieldList(message)));
    }
    target.path.push_back(field);
    walked = Join(walked, segment);
    if (i + 1 == segments.size()) break;
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
        IsMessage(field, "omnihub.v1.Money") || IsMessage(field, "google.protobuf.Timestamp")) {
      return absl::InvalidArgumentError(absl::StrCat("unknown canonical field ", target.display,
                                                     ": ", walked,
                                                     " is a single value, not a group of fields"));
    }
    if (field->is_repeated()) {
      return absl::InvalidArgumentError(
          absl::StrCat(walked, " is a list of items: map it with <repeated target=\"", walked,
                       "\" source=\"...\"> and put the item's fields inside"));
    }
    message = field->message_type();
  }
  return target;
}

// CanonicalTarget::enum_codes of `e`.
std::shared_ptr<
    const absl::flat_hash_map<std::string, const google::protobuf::EnumValueDescriptor*>>
EnumCodes(const google::protobuf::EnumDescriptor* e) {
  auto codes = std::make_shared<
      absl::flat_hash_map<std::string, const google::protobuf::EnumValueDescriptor*>>();
  const std::string& first = e->value(0)->name();
  const std::string prefix =
      absl::EndsWith(first, "UNSPECIFIED") ? first.substr(0, first.size() - 11) : "";
  for (int i = 0; i < e->value_count(); ++i) {
    codes->emplace(e->value(i)->name(), e->value(i));
  }
  for (int i = 0; i < e->value_count(); ++i) {
    const std::string& name = e->value(i)->name();
    if (!prefix.empty() && absl::StartsWith(name, prefix)) {
      codes->emplace(name.substr(prefix.size()), e->value(i));
    }
  }
  return codes;
}

}  // namespace

std::string_view TargetTypeName(TargetType type) {
  switch (type) {
    case TargetType::kString:
      return "text";
    case TargetType::kInt32:
      return "whole number (32-bit)";
    case TargetType::kInt64:
      return "whole number";
    case TargetType::kUInt:
      return "non-negative whole number";
    case TargetType::kBool:
      return "yes/no";
    case TargetType::kDouble:
      return "number";
    case TargetType::kEnum:
      return "code (enumeration)";
    case TargetType::kMoney:
      return "money";
    case TargetType::kTimestamp:
      return "timestamp";
  }
  return "?";
}

absl::StatusOr<CanonicalTarget> ResolveLeafTarget(const Descriptor* message,
                                                  std::string_view prefix,
                                                  std::string_view relative) {
  absl::StatusOr<CanonicalTarget> target = Walk(message, prefix, relative);
  if (!target.ok()) return target.status();
  const FieldDescriptor* leaf = target->leaf();
  if (leaf->is_map()) {
    return absl::InvalidArgumentError(
        absl::StrCat(target->display, " is filled by the hub, not by mappings"));
  }
  switch (leaf->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      target->type = TargetType::kString;
      break;
    case FieldDescriptor::CPPTYPE_INT32:
      target->type = TargetType::kInt32;
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      target->type = TargetType::kInt64;
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      target->type = TargetType::kUInt;
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      target->type = TargetType::kBool;
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
    case FieldDescriptor::CPPTYPE_DOUBLE:
      target->type = TargetType::kDouble;
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      target->type = TargetType::kEnum;
      target->enum_codes = EnumCodes(leaf->enum_type());
      break;
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (IsMessage(leaf, "omnihub.v1.Money")) {
        target->type = TargetType::kMoney;
      } else if (IsMessage(leaf, "google.protobuf.Timestamp")) {
        target->type = TargetType::kTimestamp;
      } else if (leaf->is_repeated()) {
        return absl::InvalidArgumentError(
            absl::StrCat(target->display, " is a list of items: map it with <repeated target=\"",
                         target->display, "\" source=\"...\"> and put the item's fields inside"));
      } else {
        return absl::InvalidArgumentError(
            absl::StrCat(target->display, " is a group of fields: map its fields one by one (",
                         target->display, ".", leaf->message_type()->field(0)->name(), ", ...)"));
      }
      break;
  }
  if (leaf->is_repeated() && target->type != TargetType::kMoney &&
      target->type != TargetType::kTimestamp) {
    target->append = true;
  } else if (leaf->is_repeated()) {
    return absl::InvalidArgumentError(
        absl::StrCat(target->display, " is a list of items: map it with <repeated target=\"",
                     target->display, "\" source=\"...\">"));
  }
  return target;
}

absl::StatusOr<CanonicalTarget> ResolveGroupTarget(const Descriptor* message,
                                                   std::string_view prefix,
                                                   std::string_view relative) {
  absl::StatusOr<CanonicalTarget> target = Walk(message, prefix, relative);
  if (!target.ok()) return target.status();
  const FieldDescriptor* leaf = target->leaf();
  if (!leaf->is_repeated() || leaf->is_map() ||
      leaf->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    return absl::InvalidArgumentError(
        absl::StrCat(target->display, " is not a list of items: map it with <field target=\"",
                     target->display, "\" .../>"));
  }
  return target;
}

}  // namespace omnihub::mapping::engine
