#include "adapters/mapping/engine/table_mapper.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/engine/field_writer.h"
#include "adapters/mapping/engine/mapped_record.h"
#include "adapters/mapping/text_util.h"

namespace omnihub::mapping::engine {
namespace {

using google::protobuf::Message;

absl::Status CheckShape(const Table& table, const std::string& label) {
  if (table.rows.size() > kMaxTableRows) {
    return absl::InvalidArgumentError(absl::StrCat(
        label, " has ", table.rows.size(), " rows, more than the limit of ", kMaxTableRows));
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (table.rows[r].size() != table.columns.size()) {
      return absl::InvalidArgumentError(absl::StrCat("row ", r + 1, " of ", label, " has ",
                                                     table.rows[r].size(), " values for ",
                                                     table.columns.size(), " columns"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Value> Cell(const std::optional<std::string>& cell) {
  if (!cell) return Value::Null();
  if (cell->size() > kMaxCellBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the value is ", cell->size(), " bytes, more than the limit of ", kMaxCellBytes));
  }
  if (absl::Status s = CheckUtf8(*cell); !s.ok()) return s;
  return Value::Text(*cell);
}

// Maps the rows of one TableSet. Not thread-safe; lives for one call.
class TableRecordMapper {
 public:
  TableRecordMapper(const CompiledOperation& op, const TableSet& tables)
      : op_(op), tables_(tables) {}

  // Checks the tables' shapes, finds every column the operation reads, indexes child rows by key.
  absl::Status Prepare() {
    if (absl::Status s = CheckShape(tables_.main, "the main result"); !s.ok()) return s;
    for (const CompiledField& field : op_.fields) Resolve(field, tables_.main, "the main result");
    for (const CompiledIdentifier& id : op_.identifiers) {
      ResolveSelector(id.source, tables_.main, "the main result",
                      absl::StrCat("identifier ", omnihub::v1::IdentifierType_Name(id.type)));
    }
    groups_.reserve(op_.groups.size());
    for (const CompiledGroup& group : op_.groups) {
      if (group.statement.empty()) {
        return absl::FailedPreconditionError(
            absl::StrCat("operation '", op_.name, "' of system '", op_.system,
                         "' was not compiled for rows (its <repeated> has no statement)"));
      }
      const Table* child = tables_.FindChild(group.statement);
      if (child == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            "no result was given for statement '", group.statement, "' (read by ",
            group.target.display, "): run every child statement, even when it returns no rows"));
      }
      const std::string label = absl::StrCat("statement '", group.statement, "'");
      if (absl::Status s = CheckShape(*child, label); !s.ok()) return s;
      GroupData data{child, 0, 0, {}};
      const std::optional<size_t> key =
          FindColumn(*child, group.key, label, absl::StrCat(group.target.display, " (key)"));
      const std::optional<size_t> parent =
          FindColumn(tables_.main, group.parent_key, "the main result",
                     absl::StrCat(group.target.display, " (parent-key)"));
      for (const CompiledField& field : group.fields) Resolve(field, *child, label);
      if (key && parent) {
        data.key_column = *key;
        data.parent_column = *parent;
        for (size_t r = 0; r < child->rows.size(); ++r) {
          const std::optional<std::string>& k = child->rows[r][*key];
          if (k) data.rows_by_key[std::string_view(*k)].push_back(r);
        }
      }
      groups_.push_back(std::move(data));
    }
    if (!missing_.empty()) return absl::InvalidArgumentError(absl::StrJoin(missing_, "\n"));
    return absl::OkStatus();
  }

  void MapRow(size_t row, Message& out) {
    row_ = row;
    RecordWriter writer(out);
    for (const CompiledField& field : op_.fields) {
      MapField(field, tables_.main, row, nullptr, writer);
    }
    for (size_t g = 0; g < op_.groups.size(); ++g) MapGroup(op_.groups[g], groups_[g], writer);
    StampSourceSystem(op_, out);
    if (op_.identifiers_field != nullptr) MapIdentifiers(out);
  }

  absl::Status status() const { return errors_.status(); }

 private:
  struct GroupData {
    const Table* table = nullptr;
    size_t key_column = 0;
    size_t parent_column = 0;
    // Keys point into the child table, which outlives the mapper.
    absl::flat_hash_map<std::string_view, std::vector<size_t>> rows_by_key;
  };
  // Where a value came from, rendered only when an error is reported.
  struct Where {
    const std::string* statement = nullptr;  // null: the main result
    size_t row = 0;                          // in the child table
  };

  std::optional<size_t> FindColumn(const Table& table, const std::string& column,
                                   const std::string& label, const std::string& reader) {
    std::optional<size_t> index = table.ColumnIndex(column);
    if (!index) {
      missing_.push_back(absl::StrCat(
          label, " has no column '", column, "' (read by ", reader, "); its columns are: ",
          table.columns.empty() ? "(none)" : absl::StrJoin(table.columns, ", ")));
    }
    return index;
  }

  void ResolveSelector(const Selector& selector, const Table& table, const std::string& label,
                       const std::string& reader) {
    if (std::optional<size_t> index = FindColumn(table, selector.text, label, reader)) {
      columns_[&selector] = *index;
    }
  }

  void Resolve(const CompiledField& field, const Table& table, const std::string& label) {
    for (const Selector& s : field.sources) ResolveSelector(s, table, label, field.target.display);
  }

  absl::StatusOr<Value> Read(const Selector& selector, const Table& table, size_t row) const {
    return Cell(table.rows[row][columns_.at(&selector)]);
  }

  void Error(const std::string& target, const Where* where, const Selector* source,
             absl::string_view what) {
    if (!errors_.Room()) return;
    std::string from = "(constant)";
    if (source != nullptr && where != nullptr) {
      from = absl::StrCat(*where->statement, " row ", where->row + 1, " column ", source->text);
    } else if (source != nullptr) {
      from = absl::StrCat("column ", source->text);
    }
    errors_.Add(absl::StrCat("record ", row_ + 1, ": ", target, " <- ", from, ": ", what));
  }

  void MapField(const CompiledField& field, const Table& table, size_t row, const Where* where,
                RecordWriter& out) {
    absl::StatusOr<Value> value;
    const Selector* source = nullptr;
    if (field.constant) {
      value = *field.constant;
    } else if (field.sources.size() == 1) {
      source = &field.sources.front();
      absl::StatusOr<Value> in = Read(*source, table, row);
      if (!in.ok()) return Error(field.target.display, where, source, in.status().message());
      value = field.chain.Apply(*std::move(in));
    } else {
      source = &field.sources.front();
      std::vector<Value> inputs;
      inputs.reserve(field.sources.size());
      for (const Selector& s : field.sources) {
        absl::StatusOr<Value> in = Read(s, table, row);
        if (!in.ok()) return Error(field.target.display, where, &s, in.status().message());
        inputs.push_back(*std::move(in));
      }
      value = field.chain.ApplyMany(inputs);
    }
    if (!value.ok()) return Error(field.target.display, where, source, value.status().message());
    if (value->is_null()) {
      if (field.required) Error(field.target.display, where, source, "is required but NULL");
      return;
    }
    if (absl::Status s = out.Write(field.target, *std::move(value)); !s.ok()) {
      Error(field.target.display, where, source, s.message());
    }
  }

  void MapGroup(const CompiledGroup& group, const GroupData& data, RecordWriter& out) {
    const std::optional<std::string>& parent_key = tables_.main.rows[row_][data.parent_column];
    if (!parent_key) return;
    const auto it = data.rows_by_key.find(std::string_view(*parent_key));
    if (it == data.rows_by_key.end()) return;
    for (const size_t child_row : it->second) {
      RecordWriter item(*out.AddItem(group.target));
      const Where where{&group.statement, child_row};
      for (const CompiledField& field : group.fields) {
        MapField(field, *data.table, child_row, &where, item);
      }
    }
  }

  void MapIdentifiers(Message& out) {
    for (const CompiledIdentifier& id : op_.identifiers) {
      absl::StatusOr<Value> value = Read(id.source, tables_.main, row_);
      if (value.ok()) value = id.chain.Apply(*value);
      if (!value.ok()) {
        Error(absl::StrCat("identifier ", omnihub::v1::IdentifierType_Name(id.type)), nullptr,
              &id.source, value.status().message());
        continue;
      }
      AddIdentifier(op_, id, *value, out);
    }
  }

  const CompiledOperation& op_;
  const TableSet& tables_;
  absl::flat_hash_map<const Selector*, size_t> columns_;
  std::vector<GroupData> groups_;  // parallel to op_.groups
  std::vector<std::string> missing_;
  size_t row_ = 0;
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
absl::StatusOr<std::vector<T>> MapAll(const CompiledOperation& op, const TableSet& tables) {
  std::vector<std::unique_ptr<T>> records;
  absl::Status status = MapTable(op, tables, [&]() -> Message* {
    records.push_back(std::make_unique<T>());
    return records.back().get();
  });
  if (!status.ok()) return status;
  std::vector<T> out;
  out.reserve(records.size());
  for (auto& r : records) out.push_back(std::move(*r));
  return out;
}

}  // namespace

absl::Status MapTable(const CompiledOperation& operation, const TableSet& tables,
                      const std::function<Message*()>& add_record) {
  TableRecordMapper mapper(operation, tables);
  if (absl::Status s = mapper.Prepare(); !s.ok()) return s;
  for (size_t row = 0; row < tables.main.rows.size(); ++row) {
    Message* out = add_record();
    if (absl::Status s = CheckType(operation, *out); !s.ok()) return s;
    mapper.MapRow(row, *out);
  }
  return mapper.status();
}

absl::Status MapTableRecord(const CompiledOperation& operation, const TableSet& tables,
                            Message& out) {
  if (absl::Status s = CheckType(operation, out); !s.ok()) return s;
  if (tables.main.rows.empty()) {
    return absl::NotFoundError(absl::StrCat("operation '", operation.name, "' found no row"));
  }
  if (tables.main.rows.size() > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "operation '", operation.name, "' expects one row, found ", tables.main.rows.size()));
  }
  return MapTable(operation, tables, [&]() -> Message* { return &out; });
}

absl::StatusOr<omnihub::v1::Customer> MapTableCustomer(const CompiledOperation& operation,
                                                       const TableSet& tables) {
  omnihub::v1::Customer customer;
  if (absl::Status s = MapTableRecord(operation, tables, customer); !s.ok()) return s;
  return customer;
}

absl::StatusOr<std::vector<omnihub::v1::Customer>> MapTableCustomers(
    const CompiledOperation& operation, const TableSet& tables) {
  return MapAll<omnihub::v1::Customer>(operation, tables);
}

absl::StatusOr<std::vector<omnihub::v1::Order>> MapTableOrders(const CompiledOperation& operation,
                                                               const TableSet& tables) {
  return MapAll<omnihub::v1::Order>(operation, tables);
}

absl::StatusOr<std::vector<omnihub::v1::Contact>> MapTableContacts(
    const CompiledOperation& operation, const TableSet& tables) {
  return MapAll<omnihub::v1::Contact>(operation, tables);
}

}  // namespace omnihub::mapping::engine
