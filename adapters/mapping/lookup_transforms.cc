// code-table, bool.
#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "adapters/mapping/transform_impl.h"

namespace omnihub::mapping {
namespace {

using Result = absl::StatusOr<Value>;
using Built = absl::StatusOr<std::unique_ptr<Transform>>;

// The text a lookup transform looks up: text as is, integers in decimal (SQL status columns).
absl::StatusOr<std::string> LookupKey(const Value& in, bool ignore_case) {
  if (in.kind() == ValueKind::kInteger) return absl::StrCat(in.integer());
  absl::StatusOr<absl::string_view> text = RequireText(in);
  if (!text.ok()) return text.status();
  return ignore_case ? absl::AsciiStrToLower(*text) : std::string(*text);
}

// Up to 10 codes, for an error message: "S, D, C".
std::string Sample(std::vector<std::string> codes) {
  std::sort(codes.begin(), codes.end());
  const size_t shown = std::min<size_t>(codes.size(), 10);
  std::string out =
      absl::StrJoin(codes.begin(), codes.begin() + static_cast<ptrdiff_t>(shown), ", ");
  if (codes.size() > shown) absl::StrAppend(&out, ", … (", codes.size(), " codes)");
  return out;
}

// ---- code-table ----

class CodeTable final : public Transform {
 public:
  CodeTable(absl::flat_hash_map<std::string, std::string> table,
            std::optional<std::string> fallback, bool ignore_case, std::string known)
      : table_(std::move(table)),
        fallback_(std::move(fallback)),
        ignore_case_(ignore_case),
        known_(std::move(known)) {}

  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override {
    if (in.is_null()) return in;
    absl::StatusOr<std::string> key = LookupKey(in, ignore_case_);
    if (!key.ok()) return key.status();
    auto it = table_.find(*key);
    if (it != table_.end()) return Value::Text(it->second);
    if (fallback_.has_value()) return Value::Text(*fallback_);
    return absl::InvalidArgumentError(absl::StrCat(
        "code ", Quote(in.ToString()), " is not in the code table (known codes: ", known_,
        "); add it, or give a 'default'"));
  }

 private:
  absl::flat_hash_map<std::string, std::string> table_;
  std::optional<std::string> fallback_;
  bool ignore_case_;
  std::string known_;
};

Built MakeCodeTable(const ArgReader& args, const TransformSpec& spec) {
  if (spec.table.empty()) return args.Error("the code table has no entries");
  absl::StatusOr<bool> ignore_case = args.Flag("ignore-case", false);
  if (!ignore_case.ok()) return ignore_case.status();
  absl::flat_hash_map<std::string, std::string> table;
  std::vector<std::string> codes;
  for (const auto& [code, value] : spec.table) {
    for (const std::string* s : {&code, &value}) {
      if (absl::Status st = CheckUtf8(*s); !st.ok()) return args.Error(st.message());
    }
    const std::string key = *ignore_case ? absl::AsciiStrToLower(code) : code;
    if (!table.emplace(key, value).second) {
      return args.Error(absl::StrCat("code ", Quote(code), " appears twice",
                                     *ignore_case ? " (ignoring case)" : ""));
    }
    codes.push_back(code);
  }
  std::optional<std::string> fallback = args.Get("default");
  if (fallback.has_value()) {
    if (absl::Status st = CheckUtf8(*fallback); !st.ok()) return args.Error(st.message());
  }
  return Make<CodeTable>(std::move(table), std::move(fallback), *ignore_case,
                         Sample(std::move(codes)));
}

// ---- bool ----

class BoolParse final : public Transform {
 public:
  BoolParse(absl::flat_hash_set<std::string> truthy, absl::flat_hash_set<std::string> falsy,
            bool ignore_case, std::string known)
      : truthy_(std::move(truthy)),
        falsy_(std::move(falsy)),
        ignore_case_(ignore_case),
        known_(std::move(known)) {}

  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override {
    if (in.is_null() || in.kind() == ValueKind::kBool) return in;
    absl::StatusOr<std::string> key = LookupKey(in, ignore_case_);
    if (!key.ok()) return key.status();
    if (truthy_.contains(*key)) return Value::Bool(true);
    if (falsy_.contains(*key)) return Value::Bool(false);
    return absl::InvalidArgumentError(
        absl::StrCat(Quote(in.ToString()), " is not a yes/no value (", known_, ")"));
  }

 private:
  absl::flat_hash_set<std::string> truthy_;
  absl::flat_hash_set<std::string> falsy_;
  bool ignore_case_;
  std::string known_;
};

Built MakeBool(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<bool> ignore_case = args.Flag("ignore-case", true);
  if (!ignore_case.ok()) return ignore_case.status();
  auto read = [&](absl::string_view key, absl::string_view fallback,
                  absl::flat_hash_set<std::string>& out) -> absl::Status {
    const std::string list = args.Get(key).value_or(std::string(fallback));
    for (absl::string_view word : absl::StrSplit(list, ',')) {
      if (absl::Status st = CheckUtf8(word); !st.ok()) return args.Error(st.message());
      out.insert(*ignore_case ? absl::AsciiStrToLower(word) : std::string(word));
    }
    return absl::OkStatus();
  };
  absl::flat_hash_set<std::string> truthy;
  absl::flat_hash_set<std::string> falsy;
  if (absl::Status s = read("true", "Y,YES,T,TRUE,1", truthy); !s.ok()) return s;
  if (absl::Status s = read("false", "N,NO,F,FALSE,0", falsy); !s.ok()) return s;
  for (const std::string& w : truthy) {
    if (falsy.contains(w)) {
      return args.Error(absl::StrCat(Quote(w), " is listed both as true and as false"));
    }
  }
  const std::string known =
      absl::StrCat("true: ", args.Get("true").value_or("Y, YES, T, TRUE, 1"),
                   "; false: ", args.Get("false").value_or("N, NO, F, FALSE, 0"));
  return Make<BoolParse>(std::move(truthy), std::move(falsy), *ignore_case, known);
}

}  // namespace

void AddLookupTransforms(std::vector<TransformDef>& defs) {
  defs.push_back({"code-table", {"default", "ignore-case"}, MakeCodeTable});
  defs.push_back({"bool", {"true", "false", "ignore-case"}, MakeBool});
}

}  // namespace omnihub::mapping
