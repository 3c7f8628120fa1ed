#include "adapters/mapping/engine/field_writer.h"

#include <algorithm>
#include <limits>
#include <typeinfo>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/timestamp.pb.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::mapping::engine {
namespace {

using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

bool Accepts(TargetType type, ValueKind kind) {
  switch (type) {
    case TargetType::kString:
      return kind == ValueKind::kText || kind == ValueKind::kInteger ||
             kind == ValueKind::kDecimal || kind == ValueKind::kDate;
    case TargetType::kInt32:
    case TargetType::kInt64:
    case TargetType::kUInt:
      return kind == ValueKind::kInteger;
    case TargetType::kBool:
      return kind == ValueKind::kBool;
    case TargetType::kDouble:
      return kind == ValueKind::kInteger || kind == ValueKind::kDecimal;
    case TargetType::kEnum:
      return kind == ValueKind::kText;
    case TargetType::kMoney:
      return kind == ValueKind::kMoney;
    case TargetType::kTimestamp:
      return kind == ValueKind::kTimestamp;
  }
  return false;
}

std::string Hint(TargetType type) {
  switch (type) {
    case TargetType::kString:
      return "add <transform name=\"text\"/> last";
    case TargetType::kInt32:
    case TargetType::kInt64:
    case TargetType::kUInt:
      return "add <transform name=\"integer\"/>";
    case TargetType::kBool:
      return "add <transform name=\"bool\"/>";
    case TargetType::kDouble:
      return "add <transform name=\"decimal\"/>";
    case TargetType::kEnum:
      return "give the code's name as text, e.g. with <transform name=\"code-table\">";
    case TargetType::kMoney:
      return "add <transform name=\"money\" currency=\"...\"/>";
    case TargetType::kTimestamp:
      return "add <transform name=\"timestamp\" format=\"...\"/>";
  }
  return "";
}

// ORDER_STATUS_ for omnihub.v1.OrderStatus: the prefix its UNSPECIFIED value carries.
std::string EnumPrefix(const EnumDescriptor* e) {
  const std::string& first = e->value(0)->name();
  if (absl::EndsWith(first, "UNSPECIFIED")) return first.substr(0, first.size() - 11);
  return "";
}

// The value `name` names (case-insensitively): see CanonicalTarget::enum_codes.
const EnumValueDescriptor* FindEnumValue(const CanonicalTarget& target, std::string_view name) {
  const auto it = target.enum_codes->find(absl::AsciiStrToUpper(AbslView(name)));
  return it == target.enum_codes->end() ? nullptr : it->second;
}

// Whether `a` and `b` reach their leaves through the same intermediate messages.
bool SameParent(const CanonicalTarget& a, const CanonicalTarget& b) {
  return a.path.size() == b.path.size() &&
         std::equal(a.path.begin(), a.path.end() - 1, b.path.begin());
}

// `message` as the generated class T, or null. Generated classes are final, so an exact type
// check is what DynamicCastToGenerated's dynamic_cast decides, without its walk of the class
// hierarchy (a money or timestamp field of every record).
template <typename T>
T* AsGenerated(Message* message) {
  return typeid(*message) == typeid(T) ? static_cast<T*>(message) : nullptr;
}

absl::Status NotGenerated() {
  return absl::InternalError("the record is not of the generated canonical classes");
}

absl::Status OutOfRange(const CanonicalTarget& target, const Value& value) {
  return absl::InvalidArgumentError(absl::StrCat(value.ToString(), " does not fit in ",
                                                 target.display, " (a ",
                                                 AbslView(TargetTypeName(target.type)), ")"));
}

}  // namespace

absl::Status CheckCompatible(const CanonicalTarget& target, ValueKind kind) {
  if (kind == ValueKind::kNull || Accepts(target.type, kind)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("type mismatch: the value is ", KindName(kind), " but ", target.display, " is ",
                   AbslView(TargetTypeName(target.type)), ": ", Hint(target.type)));
}

absl::Status CheckEnumName(const CanonicalTarget& target, std::string_view name) {
  if (FindEnumValue(target, name) != nullptr) return absl::OkStatus();
  const EnumDescriptor* e = target.leaf()->enum_type();
  const std::string prefix = EnumPrefix(e);
  std::vector<std::string> names;
  for (int i = 1; i < e->value_count(); ++i)
    names.push_back(e->value(i)->name().substr(prefix.size()));
  return absl::InvalidArgumentError(absl::StrCat("'", AbslView(name), "' is not a code of ",
                                                 target.display, "; it takes ",
                                                 absl::StrJoin(names, ", ")));
}

RecordWriter::RecordWriter(Message& record)
    : record_(record), reflection_(record.GetReflection()) {}

Message* RecordWriter::Parent(const CanonicalTarget& target, const Reflection*& reflection) {
  if (target.path.size() == 1) {
    reflection = reflection_;
    return &record_;
  }
  if (nested_target_ == nullptr || !SameParent(*nested_target_, target)) {
    Message* message = &record_;
    const Reflection* r = reflection_;
    for (size_t i = 0; i + 1 < target.path.size(); ++i) {
      message = r->MutableMessage(message, target.path[i]);
      r = message->GetReflection();
    }
    nested_target_ = &target;
    nested_ = message;
    nested_reflection_ = r;
  }
  reflection = nested_reflection_;
  return nested_;
}

Message* RecordWriter::AddItem(const CanonicalTarget& group) {
  const Reflection* r = nullptr;
  Message* parent = Parent(group, r);
  return r->AddMessage(parent, group.leaf());
}

absl::Status RecordWriter::Write(const CanonicalTarget& target, Value&& value) {
  if (value.is_null()) return absl::OkStatus();
  if (!Accepts(target.type, value.kind())) return CheckCompatible(target, value.kind());
  const Reflection* r = nullptr;
  Message* parent = Parent(target, r);
  const FieldDescriptor* f = target.leaf();
  const bool add = target.append;
  switch (target.type) {
    case TargetType::kString: {
      // The text moved straight into the field (one move less: every string field of a record).
      std::string converted = value.kind() == ValueKind::kText ? std::string() : value.ToString();
      std::string&& text =
          value.kind() == ValueKind::kText ? std::move(value).ReleaseText() : std::move(converted);
      if (add && text.empty()) break;  // an empty item of a list (a blank address line) is none
      add ? r->AddString(parent, f, std::move(text)) : r->SetString(parent, f, std::move(text));
      break;
    }
    case TargetType::kInt32: {
      const int64_t v = value.integer();
      if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
        return OutOfRange(target, value);
      }
      add ? r->AddInt32(parent, f, static_cast<int32_t>(v))
          : r->SetInt32(parent, f, static_cast<int32_t>(v));
      break;
    }
    case TargetType::kInt64:
      add ? r->AddInt64(parent, f, value.integer()) : r->SetInt64(parent, f, value.integer());
      break;
    case TargetType::kUInt: {
      const int64_t v = value.integer();
      if (v < 0) return OutOfRange(target, value);
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_UINT32) {
        if (v > std::numeric_limits<uint32_t>::max()) return OutOfRange(target, value);
        add ? r->AddUInt32(parent, f, static_cast<uint32_t>(v))
            : r->SetUInt32(parent, f, static_cast<uint32_t>(v));
      } else {
        add ? r->AddUInt64(parent, f, static_cast<uint64_t>(v))
            : r->SetUInt64(parent, f, static_cast<uint64_t>(v));
      }
      break;
    }
    case TargetType::kBool:
      add ? r->AddBool(parent, f, value.boolean()) : r->SetBool(parent, f, value.boolean());
      break;
    case TargetType::kDouble: {
      double v = 0;
      if (value.kind() == ValueKind::kInteger) {
        v = static_cast<double>(value.integer());
      } else {
        v = static_cast<double>(value.decimal().unscaled);
        for (int i = 0; i < value.decimal().scale; ++i) v /= 10;
      }
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        add ? r->AddFloat(parent, f, static_cast<float>(v))
            : r->SetFloat(parent, f, static_cast<float>(v));
      } else {
        add ? r->AddDouble(parent, f, v) : r->SetDouble(parent, f, v);
      }
      break;
    }
    case TargetType::kEnum: {
      const EnumValueDescriptor* v = FindEnumValue(target, value.text());
      if (v == nullptr) return CheckEnumName(target, value.text());
      add ? r->AddEnum(parent, f, v) : r->SetEnum(parent, f, v);
      break;
    }
    case TargetType::kMoney: {
      // The generated classes directly: reflection by field name would dominate the cost.
      auto* money = AsGenerated<omnihub::v1::Money>(r->MutableMessage(parent, f));
      if (money == nullptr) return NotGenerated();
      money->set_currency_code(value.money().currency);
      money->set_amount_minor(value.money().minor_units);
      break;
    }
    case TargetType::kTimestamp: {
      auto* ts = AsGenerated<google::protobuf::Timestamp>(r->MutableMessage(parent, f));
      if (ts == nullptr) return NotGenerated();
      ts->set_seconds(value.timestamp().seconds);
      ts->set_nanos(value.timestamp().nanos);
      break;
    }
  }
  return absl::OkStatus();
}

}  // namespace omnihub::mapping::engine
