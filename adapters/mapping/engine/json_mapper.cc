#include "adapters/mapping/engine/json_mapper.h"

#include <charconv>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/engine/field_writer.h"
#include "adapters/mapping/engine/mapped_record.h"
#include "adapters/mapping/number_parsing.h"
#include "simdjson.h"

namespace omnihub::mapping::engine {
namespace {

using google::protobuf::Message;
using simdjson::dom::element;

simdjson::dom::parser& ThreadParser() {
  thread_local simdjson::dom::parser parser = [] {
    simdjson::dom::parser p(kMaxJsonBytes);
    if (p.allocate(64 * 1024, kMaxJsonDepth) != simdjson::SUCCESS) {
      // Out of memory: the first parse reports it.
    }
    return p;
  }();
  return parser;
}

absl::Status ParseError(simdjson::error_code code, size_t size) {
  switch (code) {
    case simdjson::DEPTH_ERROR:
      return absl::InvalidArgumentError(absl::StrCat(
          "the payload nests objects or arrays more than ", kMaxJsonDepth, " levels deep"));
    case simdjson::CAPACITY:
      return absl::InvalidArgumentError(
          absl::StrCat("the payload is ", size, " bytes, more than the limit of ", kMaxJsonBytes));
    case simdjson::UTF8_ERROR:
      return absl::InvalidArgumentError("the payload is not valid UTF-8");
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("the payload is not valid JSON: ", simdjson::error_message(code)));
  }
}

// One JSON value as a mapping Value.
absl::StatusOr<Value> ToValue(element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      return Value::Null();
    case simdjson::dom::element_type::STRING: {
      std::string_view s = e.get_string().value_unsafe();
      return Value::Text(std::string(s));
    }
    case simdjson::dom::element_type::INT64:
      return Value::Integer(e.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return absl::InvalidArgumentError(absl::StrCat("the number ", e.get_uint64().value_unsafe(),
                                                     " is too large (at most ",
                                                     std::numeric_limits<int64_t>::max(), ")"));
    case simdjson::dom::element_type::DOUBLE: {
      const double d = e.get_double().value_unsafe();
      char buffer[64];
      const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
      const absl::string_view text(buffer,
                                   ec == std::errc() ? static_cast<size_t>(end - buffer) : 0);
      if (text.find_first_of("eE") != absl::string_view::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat("the number ", text, " is out of range for an exact decimal"));
      }
      absl::StatusOr<Decimal> decimal = ParseDecimal(text);
      if (!decimal.ok()) return decimal.status();
      return Value::OfDecimal(*decimal);
    }
    case simdjson::dom::element_type::BOOL:
      return Value::Bool(e.get_bool().value_unsafe());
    case simdjson::dom::element_type::ARRAY:
      return absl::InvalidArgumentError("found a list (JSON array), expected a single value");
    case simdjson::dom::element_type::OBJECT:
      return absl::InvalidArgumentError("found a JSON object, expected a single value");
  }
  return absl::InternalError("unknown JSON type");
}

// Collects the field errors of one payload. Not thread-safe; lives for one call.
class RecordMapper {
 public:
  explicit RecordMapper(const CompiledOperation& op) : op_(op) {}

  void MapOne(element record, Message& out, size_t index) {
    index_ = index;
    MapFields(op_.fields, op_.groups, record, out, nullptr);
    StampSourceSystem(op_, out);
    if (op_.identifiers_field != nullptr) MapIdentifiers(record, out);
  }

  absl::Status status() const { return errors_.status(); }

 private:
  // Where a group's items are: rendered into a JSON Pointer only when an error is reported, so
  // that mapping a good record builds no strings.
  struct Where {
    const Where* parent = nullptr;
    const Selector* group = nullptr;
    std::optional<size_t> index;
  };

  static std::string Render(const Where* where) {
    if (where == nullptr) return "";
    std::string out = Render(where->parent);
    absl::StrAppend(&out, where->group->text);
    if (where->index) absl::StrAppend(&out, "/", *where->index);
    return out;
  }

  void Error(const std::string& target, const Where* base, const Selector* source,
             absl::string_view what) {
    if (!errors_.Room()) return;
    const std::string pointer =
        source == nullptr ? "(constant)" : absl::StrCat(Render(base), source->text);
    errors_.Add(absl::StrCat("record ", index_ + 1, ": ", target, " <- ", pointer, ": ", what));
  }

  void MapFields(const std::vector<CompiledField>& fields, const std::vector<CompiledGroup>& groups,
                 element node, Message& out, const Where* base) {
    RecordWriter writer(out);
    for (const CompiledField& field : fields) MapField(field, node, writer, base);
    for (const CompiledGroup& group : groups) MapGroup(group, node, writer, base);
  }

  void MapField(const CompiledField& field, element node, RecordWriter& out, const Where* base) {
    absl::StatusOr<Value> value;
    const Selector* pointer = nullptr;
    if (field.constant) {
      value = *field.constant;
    } else {
      pointer = &field.sources.front();
      if (field.sources.size() == 1) {
        absl::StatusOr<Value> in = Read(field.sources.front(), node);
        if (!in.ok()) return Error(field.target.display, base, pointer, in.status().message());
        value = field.chain.Apply(*std::move(in));
      } else {
        std::vector<Value> inputs;
        inputs.reserve(field.sources.size());
        for (const Selector& source : field.sources) {
          absl::StatusOr<Value> in = Read(source, node);
          if (!in.ok()) {
            return Error(field.target.display, base, &source, in.status().message());
          }
          inputs.push_back(*std::move(in));
        }
        value = field.chain.ApplyMany(inputs);
      }
    }
    if (!value.ok()) return Error(field.target.display, base, pointer, value.status().message());
    if (value->is_null()) {
      if (field.required) {
        Error(field.target.display, base, pointer, "is required but missing or null");
      }
      return;
    }
    if (absl::Status s = out.Write(field.target, *std::move(value)); !s.ok()) {
      Error(field.target.display, base, pointer, s.message());
    }
  }

  void MapGroup(const CompiledGroup& group, element node, RecordWriter& out, const Where* base) {
    std::optional<element> items = group.source.pointer.Evaluate(node);
    if (!items || items->is_null()) return;
    if (!items->is_array() && !items->is_object()) {
      return Error(group.target.display, base, &group.source,
                   "expected a list (JSON array) or an object");
    }
    if (items->is_object()) {
      Message* added = out.AddItem(group.target);
      const Where where{base, &group.source, std::nullopt};
      MapFields(group.fields, group.groups, *items, *added, &where);
      return;
    }
    size_t index = 0;
    simdjson::dom::array array;
    if (items->get_array().get(array) != simdjson::SUCCESS) return;
    for (element item : array) {
      Message* added = out.AddItem(group.target);
      const Where where{base, &group.source, index};
      MapFields(group.fields, group.groups, item, *added, &where);
      ++index;
    }
  }

  void MapIdentifiers(element record, Message& out) {
    for (const CompiledIdentifier& id : op_.identifiers) {
      absl::StatusOr<Value> value = Read(id.source, record);
      if (value.ok()) value = id.chain.Apply(*value);
      if (!value.ok()) {
        Error(absl::StrCat("identifier ", omnihub::v1::IdentifierType_Name(id.type)), nullptr,
              &id.source, value.status().message());
        continue;
      }
      AddIdentifier(op_, id, *value, out);
    }
  }

  static absl::StatusOr<Value> Read(const Selector& selector, element node) {
    std::optional<element> found = selector.pointer.Evaluate(node);
    if (!found) return Value::Null();
    return ToValue(*found);
  }

  const CompiledOperation& op_;
  size_t index_ = 0;
  FieldErrors errors_;
};

absl::Status CheckType(const CompiledOperation& op, const Message& message) {
  if (message.GetDescriptor() != op.record) {
    return absl::InvalidArgumentError(absl::StrCat("operation '", op.name, "' maps ",
                                                   op.record->full_name(), " records, not ",
                                                   message.GetDescriptor()->full_name()));
  }
  return absl::OkStatus();
}

template <typename T>
absl::StatusOr<std::vector<T>> MapAll(const CompiledOperation& op, std::string_view json) {
  std::vector<T> out;
  std::vector<std::unique_ptr<T>> records;
  absl::Status status = MapRecords(op, json, [&]() -> Message* {
    records.push_back(std::make_unique<T>());
    return records.back().get();
  });
  if (!status.ok()) return status;
  out.reserve(records.size());
  for (auto& r : records) out.push_back(std::move(*r));
  return out;
}

}  // namespace

absl::Status MapRecords(const CompiledOperation& operation, std::string_view json,
                        const std::function<Message*()>& add_record) {
  element doc;
  if (json.size() > kMaxJsonBytes) return ParseError(simdjson::CAPACITY, json.size());
  if (const simdjson::error_code code = ThreadParser().parse(json.data(), json.size()).get(doc);
      code != simdjson::SUCCESS) {
    return ParseError(code, json.size());
  }
  std::optional<element> root = operation.root.Evaluate(doc);
  if (!root || root->is_null()) return absl::OkStatus();
  RecordMapper mapper(operation);
  auto map_one = [&](element record, size_t index) -> absl::Status {
    if (!record.is_object()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "record ", index + 1, " at '", operation.root.text(), "' is not a JSON object"));
    }
    Message* out = add_record();
    if (absl::Status s = CheckType(operation, *out); !s.ok()) return s;
    mapper.MapOne(record, *out, index);
    return absl::OkStatus();
  };
  if (root->is_array()) {
    size_t index = 0;
    simdjson::dom::array records;
    if (root->get_array().get(records) != simdjson::SUCCESS) return absl::InternalError("array");
    for (element record : records) {
      if (absl::Status s = map_one(record, index++); !s.ok()) return s;
    }
  } else if (absl::Status s = map_one(*root, 0); !s.ok()) {
    return s;
  }
  return mapper.status();
}

absl::Status MapRecord(const CompiledOperation& operation, std::string_view json, Message& out) {
  if (absl::Status s = CheckType(operation, out); !s.ok()) return s;
  size_t count = 0;
  absl::Status status = MapRecords(operation, json, [&]() -> Message* {
    ++count;
    return &out;
  });
  if (!status.ok()) return status;
  if (count != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected one record at '", operation.root.text(), "', found ", count));
  }
  return absl::OkStatus();
}

absl::StatusOr<omnihub::v1::Customer> MapCustomer(const CompiledOperation& operation,
                                                  std::string_view json) {
  omnihub::v1::Customer customer;
  if (absl::Status s = MapRecord(operation, json, customer); !s.ok()) return s;
  return customer;
}

absl::StatusOr<std::vector<omnihub::v1::Order>> MapOrders(const CompiledOperation& operation,
                                                          std::string_view json) {
  return MapAll<omnihub::v1::Order>(operation, json);
}

absl::StatusOr<std::vector<omnihub::v1::Contact>> MapContacts(const CompiledOperation& operation,
                                                              std::string_view json) {
  return MapAll<omnihub::v1::Contact>(operation, json);
}

}  // namespace omnihub::mapping::engine
