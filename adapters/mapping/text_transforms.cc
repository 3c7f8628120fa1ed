// trim, upper, lower, title, collapse-spaces, default, substring, pad, concat, split, replace,
// text.
#include <algorithm>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "adapters/mapping/transform_impl.h"

namespace omnihub::mapping {
namespace {

using Result = absl::StatusOr<Value>;
using Built = absl::StatusOr<std::unique_ptr<Transform>>;

// ---- trim ----

class Trim final : public TextTransform {
 public:
  Trim(bool left, bool right) : left_(left), right_(right) {}

 protected:
  Result ApplyText(absl::string_view text) const override {
    size_t b = 0;
    size_t e = text.size();
    if (left_) {
      while (b < e && IsAsciiSpace(text[b])) ++b;
    }
    if (right_) {
      while (e > b && IsAsciiSpace(text[e - 1])) --e;
    }
    return ResultOf<std::string>(std::string_view(text.data() + b, e - b));
  }

 private:
  bool left_;
  bool right_;
};

Built MakeTrim(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<std::string> side = args.OneOf("side", {"both", "left", "right"}, "both");
  if (!side.ok()) return side.status();
  return Make<Trim>(*side != "right", *side != "left");
}

// ---- upper / lower / title ----

// Case mapping of ASCII and of the Latin-1 letters À..Þ / à..þ (UTF-8 C3 80..C3 9E / C3 A0..C3 BE,
// except × and ÷); every other character passes through unchanged.
enum class CaseMode { kUpper, kLower, kTitle };

bool IsLatin1Letter(unsigned char second) {
  return second >= 0x80 && second <= 0xBE && second != 0x97 && second != 0xB7 && second != 0x9F;
}

class Case final : public TextTransform {
 public:
  explicit Case(CaseMode mode) : mode_(mode) {}

 protected:
  Result ApplyText(absl::string_view text) const override {
    std::string out(text);
    bool word_start = true;
    for (size_t i = 0; i < out.size(); ++i) {
      auto c = static_cast<unsigned char>(out[i]);
      const bool upper = mode_ == CaseMode::kUpper || (mode_ == CaseMode::kTitle && word_start);
      if (c < 0x80) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (letter) {
          out[i] = static_cast<char>(upper ? (c & ~0x20) : (c | 0x20));
        }
        // Digits keep a word going ("3rd"); anything else (space, hyphen, apostrophe) ends it.
        word_start = !(letter || (c >= '0' && c <= '9'));
        continue;
      }
      if (c == 0xC3 && i + 1 < out.size() &&
          IsLatin1Letter(static_cast<unsigned char>(out[i + 1]))) {
        auto second = static_cast<unsigned char>(out[i + 1]);
        out[i + 1] = static_cast<char>(upper ? (second & ~0x20) : (second | 0x20));
        ++i;
      } else {
        while (i + 1 < out.size() && (static_cast<unsigned char>(out[i + 1]) & 0xC0) == 0x80) ++i;
      }
      word_start = false;  // other non-ASCII characters count as letters
    }
    return ResultOf<std::string>(std::move(out));
  }

 private:
  CaseMode mode_;
};

template <CaseMode M>
Built MakeCase(const ArgReader&, const TransformSpec&) {
  return Make<Case>(M);
}

// ---- collapse-spaces ----

// True when collapsing would change nothing: no space at either end, no other space than ' ',
// never two in a row (most values, so that they are copied once rather than rebuilt).
bool IsCollapsed(absl::string_view text) {
  bool after_space = true;  // a space first is one to remove
  for (char c : text) {
    const bool space = IsAsciiSpace(c);
    if (space && (after_space || c != ' ')) return false;
    after_space = space;
  }
  return !after_space || text.empty();
}

class CollapseSpaces final : public TextTransform {
 protected:
  Result ApplyText(absl::string_view text) const override {
    if (IsCollapsed(text)) return ResultOf<std::string>(std::string_view(text.data(), text.size()));
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (char c : text) {
      if (IsAsciiSpace(c)) {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(c);
    }
    return ResultOf<std::string>(std::move(out));
  }
};

Built MakeCollapseSpaces(const ArgReader&, const TransformSpec&) { return Make<CollapseSpaces>(); }

// ---- default ----

// The only transform that looks at null: null, "" (and, with blank=yes, all-space text) become
// the default text.
class Default final : public Transform {
 public:
  Default(std::string value, bool blank) : value_(std::move(value)), blank_(blank) {}

  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override {
    if (in.is_null()) return Value::Text(value_);
    if (in.kind() != ValueKind::kText) return in;
    if (absl::Status s = CheckUtf8(in.text()); !s.ok()) return s;
    const std::string& t = in.text();
    const bool empty = blank_ ? std::all_of(t.begin(), t.end(), IsAsciiSpace) : t.empty();
    return empty ? Value::Text(value_) : in;
  }

 private:
  std::string value_;
  bool blank_;
};

Built MakeDefault(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<std::string> value = args.Required("value");
  if (!value.ok()) return value.status();
  if (absl::Status s = CheckUtf8(*value); !s.ok()) return args.Error(s.message());
  absl::StatusOr<bool> blank = args.Flag("blank", true);
  if (!blank.ok()) return blank.status();
  return Make<Default>(*value, *blank);
}

// ---- substring ----

// Characters (code points) [start, start+length), clipped to the text: a record shorter than the
// layout gives "" or a shorter field, like COBOL reading spaces.
class Substring final : public TextTransform {
 public:
  Substring(size_t start, std::optional<size_t> length) : start_(start), length_(length) {}

 protected:
  Result ApplyText(absl::string_view text) const override {
    const size_t b = CodePointOffset(text, start_);
    absl::string_view rest = text.substr(b);
    if (length_.has_value()) rest = rest.substr(0, CodePointOffset(rest, *length_));
    return Value::Text(std::string(rest));
  }

 private:
  size_t start_;
  std::optional<size_t> length_;
};

constexpr int64_t kMaxWidth = 1'000'000;

Built MakeSubstring(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<int64_t> start = args.Int("start", 0, kMaxWidth, 0);
  if (!start.ok()) return start.status();
  std::optional<size_t> length;
  if (args.Get("length").has_value()) {
    absl::StatusOr<int64_t> l = args.Int("length", 0, kMaxWidth, 0);
    if (!l.ok()) return l.status();
    length = static_cast<size_t>(*l);
  } else if (!args.Get("start").has_value()) {
    return args.Error("give 'start' (first character, counted from 0), 'length', or both");
  }
  return Make<Substring>(static_cast<size_t>(*start), length);
}

// ---- pad ----

class Pad final : public TextTransform {
 public:
  Pad(size_t width, bool align_right, char fill, bool truncate)
      : width_(width), align_right_(align_right), fill_(fill), truncate_(truncate) {}

 protected:
  Result ApplyText(absl::string_view text) const override {
    const size_t n = CodePointCount(text);
    if (n > width_) {
      if (!truncate_) {
        return absl::InvalidArgumentError(
            absl::StrCat(Quote(text), " is ", n, " characters, longer than the field width ",
                         width_, " (add truncate=\"yes\" to cut it)"));
      }
      // Right-aligned fields keep their rightmost characters (the low digits of a number).
      return Value::Text(std::string(align_right_ ? text.substr(CodePointOffset(text, n - width_))
                                                  : text.substr(0, CodePointOffset(text, width_))));
    }
    std::string fill(width_ - n, fill_);
    return ResultOf<std::string>(align_right_ ? absl::StrCat(fill, text)
                                              : absl::StrCat(text, fill));
  }

 private:
  size_t width_;
  bool align_right_;
  char fill_;
  bool truncate_;
};

Built MakePad(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<std::string> w = args.Required("width");
  if (!w.ok()) return w.status();
  absl::StatusOr<int64_t> width = args.Int("width", 1, kMaxWidth, 0);
  if (!width.ok()) return width.status();
  absl::StatusOr<std::string> align = args.OneOf("align", {"left", "right"}, "left");
  if (!align.ok()) return align.status();
  const std::string fill = args.Get("char").value_or(" ");
  if (fill.size() != 1 || static_cast<unsigned char>(fill[0]) >= 0x80 ||
      static_cast<unsigned char>(fill[0]) < 0x20) {
    return args.Error(
        absl::StrCat("'char' must be one printable ASCII character, got ", Quote(fill)));
  }
  absl::StatusOr<bool> truncate = args.Flag("truncate", false);
  if (!truncate.ok()) return truncate.status();
  return Make<Pad>(static_cast<size_t>(*width), *align == "right", fill[0], *truncate);
}

// ---- concat ----

// The one combining transform: ApplyMany joins every input's text form with the separator. Null
// inputs count as "" (skipped with skip-empty=yes); all inputs null gives null.
class Concat final : public Transform {
 public:
  Concat(std::string separator, bool skip_empty)
      : separator_(std::move(separator)), skip_empty_(skip_empty) {}

  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override { return ApplyMany(std::span<const Value>(&in, 1)); }
  Result ApplyMany(std::span<const Value> inputs) const override {
    std::string out;
    bool first = true;
    bool all_null = true;
    for (const Value& v : inputs) {
      all_null = all_null && v.is_null();
      std::string part;
      if (v.kind() == ValueKind::kText) {
        if (absl::Status s = CheckUtf8(v.text()); !s.ok()) return s;
        part = v.text();
      } else {
        part = v.ToString();
      }
      if (skip_empty_ && part.empty()) continue;
      if (!first) out += separator_;
      out += part;
      first = false;
    }
    if (all_null) return Value::Null();
    return Value::Text(std::move(out));
  }
  bool combines() const override { return true; }

 private:
  std::string separator_;
  bool skip_empty_;
};

Built MakeConcat(const ArgReader& args, const TransformSpec&) {
  const std::string separator = args.Get("separator").value_or("");
  if (absl::Status s = CheckUtf8(separator); !s.ok()) return args.Error(s.message());
  absl::StatusOr<bool> skip = args.Flag("skip-empty", true);
  if (!skip.ok()) return skip.status();
  return Make<Concat>(separator, *skip);
}

// ---- split ----

class Split final : public TextTransform {
 public:
  Split(std::string separator, int64_t index) : separator_(std::move(separator)), index_(index) {}

 protected:
  Result ApplyText(absl::string_view text) const override {
    std::vector<absl::string_view> parts = absl::StrSplit(text, separator_);
    const auto n = static_cast<int64_t>(parts.size());
    const int64_t i = index_ < 0 ? n + index_ : index_;
    if (i < 0 || i >= n) {
      return absl::InvalidArgumentError(absl::StrCat(Quote(text), " has ", n,
                                                     " part(s) separated by ", Quote(separator_),
                                                     ", there is no part ", index_));
    }
    return Value::Text(std::string(parts[static_cast<size_t>(i)]));
  }

 private:
  std::string separator_;
  int64_t index_;
};

Built MakeSplit(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<std::string> separator = args.Required("separator");
  if (!separator.ok()) return separator.status();
  if (separator->empty()) return args.Error("'separator' must not be empty");
  if (absl::Status s = CheckUtf8(*separator); !s.ok()) return args.Error(s.message());
  if (!args.Get("index").has_value()) {
    return args.Error("the argument 'index' is required (0 = first part, -1 = last part)");
  }
  absl::StatusOr<int64_t> index = args.Int("index", -kMaxWidth, kMaxWidth, 0);
  if (!index.ok()) return index.status();
  return Make<Split>(*separator, *index);
}

// ---- replace ----

class Replace final : public TextTransform {
 public:
  Replace(std::string from, std::string to) : from_(std::move(from)), to_(std::move(to)) {}

 protected:
  Result ApplyText(absl::string_view text) const override {
    return Value::Text(absl::StrReplaceAll(text, {{from_, to_}}));
  }

 private:
  std::string from_;
  std::string to_;
};

Built MakeReplace(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<std::string> from = args.Required("from");
  if (!from.ok()) return from.status();
  if (from->empty()) return args.Error("'from' must not be empty");
  const std::string to = args.Get("to").value_or("");
  for (const std::string* s : {static_cast<const std::string*>(&*from), &to}) {
    if (absl::Status st = CheckUtf8(*s); !st.ok()) return args.Error(st.message());
  }
  return Make<Replace>(*from, to);
}

// ---- text ----

class ToText final : public Transform {
 public:
  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override {
    if (in.is_null()) return in;
    if (in.kind() == ValueKind::kText) {
      if (absl::Status s = CheckUtf8(in.text()); !s.ok()) return s;
      return in;
    }
    return Value::Text(in.ToString());
  }
};

Built MakeText(const ArgReader&, const TransformSpec&) { return Make<ToText>(); }

}  // namespace

void AddTextTransforms(std::vector<TransformDef>& defs) {
  defs.push_back({"trim", {"side"}, MakeTrim});
  defs.push_back({"upper", {}, MakeCase<CaseMode::kUpper>});
  defs.push_back({"lower", {}, MakeCase<CaseMode::kLower>});
  defs.push_back({"title", {}, MakeCase<CaseMode::kTitle>});
  defs.push_back({"collapse-spaces", {}, MakeCollapseSpaces});
  defs.push_back({"default", {"value", "blank"}, MakeDefault});
  defs.push_back({"substring", {"start", "length"}, MakeSubstring});
  defs.push_back({"pad", {"width", "align", "char", "truncate"}, MakePad});
  defs.push_back({"concat", {"separator", "skip-empty"}, MakeConcat});
  defs.push_back({"split", {"separator", "index"}, MakeSplit});
  defs.push_back({"replace", {"from", "to"}, MakeReplace});
  defs.push_back({"text", {}, MakeText});
}

}  // namespace omnihub::mapping
