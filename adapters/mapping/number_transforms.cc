// integer, decimal, implied-decimal, money, sign.
#include <algorithm>
#include <limits>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "adapters/mapping/currency.h"
#include "adapters/mapping/number_parsing.h"
#include "adapters/mapping/transform_impl.h"

namespace omnihub::mapping {
namespace {

using Result = absl::StatusOr<Value>;
using Built = absl::StatusOr<std::unique_ptr<Transform>>;

// A one-character separator argument: '.', ',', ' ' or '\''.
absl::StatusOr<char> SeparatorArg(const ArgReader& args, absl::string_view key, char fallback) {
  std::optional<std::string> v = args.Get(key);
  if (!v.has_value()) return fallback;
  if (v->size() != 1 || (*v != "." && *v != "," && *v != " " && *v != "'")) {
    return args.Error(absl::StrCat("'", key, "' must be one of . , ' or a space, got ", Quote(*v)));
  }
  return (*v)[0];
}

// ---- integer ----

class Integer final : public Transform {
 public:
  explicit Integer(char thousands) : thousands_(thousands) {}

  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override {
    switch (in.kind()) {
      case ValueKind::kNull:
      case ValueKind::kInteger:
        return in;
      case ValueKind::kDecimal: {
        absl::StatusOr<Decimal> whole = Rescale(in.decimal(), 0, Rounding::kRefuse);
        if (!whole.ok()) {
          return absl::InvalidArgumentError(
              absl::StrCat(in.decimal().ToString(), " is not a whole number"));
        }
        return Value::Integer(whole->unscaled);
      }
      default:
        break;
    }
    absl::StatusOr<absl::string_view> text = RequireText(in);
    if (!text.ok()) return text.status();
    absl::StatusOr<int64_t> n = ParseInteger(*text, thousands_);
    if (!n.ok()) return n.status();
    return Value::Integer(*n);
  }

 private:
  char thousands_;
};

Built MakeInteger(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<char> thousands = SeparatorArg(args, "thousands", 0);
  if (!thousands.ok()) return thousands.status();
  return Make<Integer>(*thousands);
}

// ---- decimal ----

class DecimalParse final : public Transform {
 public:
  DecimalParse(char decimal_separator, char thousands)
      : decimal_separator_(decimal_separator), thousands_(thousands) {}

  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override {
    switch (in.kind()) {
      case ValueKind::kNull:
      case ValueKind::kDecimal:
        return in;
      case ValueKind::kInteger:
        return Value::OfDecimal(Decimal{in.integer(), 0});
      default:
        break;
    }
    absl::StatusOr<absl::string_view> text = RequireText(in);
    if (!text.ok()) return text.status();
    absl::StatusOr<Decimal> d = ParseDecimal(*text, decimal_separator_, thousands_);
    if (!d.ok()) return d.status();
    return Value::OfDecimal(*d);
  }

 private:
  char decimal_separator_;
  char thousands_;
};

absl::Status CheckSeparatorsDiffer(const ArgReader& args, char decimal_separator, char thousands) {
  if (decimal_separator == thousands) {
    return args.Error("'decimal-separator' and 'thousands' must differ");
  }
  return absl::OkStatus();
}

Built MakeDecimal(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<char> decimal_separator = SeparatorArg(args, "decimal-separator", '.');
  if (!decimal_separator.ok()) return decimal_separator.status();
  absl::StatusOr<char> thousands = SeparatorArg(args, "thousands", 0);
  if (!thousands.ok()) return thousands.status();
  if (absl::Status s = CheckSeparatorsDiffer(args, *decimal_separator, *thousands); !s.ok()) {
    return s;
  }
  return Make<DecimalParse>(*decimal_separator, *thousands);
}

// ---- implied-decimal ----

// What an all-blank (empty or all-space) field means: COBOL layouts often leave unused numeric
// fields blank.
enum class Blank { kError, kNull, kZero };

struct ImpliedLayout {
  int decimals = 0;
  SignMode sign = SignMode::kNone;
  std::optional<int> digits;  // from a PIC clause
  Blank blank = Blank::kError;
};

// PIC clause: [S]9...[V9...] with 9(n) repetition, e.g. "S9(7)V99" -> 9 digits, 2 decimals.
absl::Status ParsePic(const ArgReader& args, absl::string_view pic, ImpliedLayout& layout,
                      bool& is_signed) {
  const std::string upper = absl::AsciiStrToUpper(pic);
  absl::string_view p = upper;
  is_signed = !p.empty() && p.front() == 'S';
  if (is_signed) p.remove_prefix(1);
  int integer_digits = 0;
  int decimals = 0;
  bool after_v = false;
  auto bad = [&](absl::string_view why) {
    return args.Error(
        absl::StrCat("PIC ", Quote(pic), ": ", why, " (expected e.g. 9(7)V99 or S9(5)V9(2))"));
  };
  while (!p.empty()) {
    const char c = p.front();
    p.remove_prefix(1);
    if (c == 'V') {
      if (after_v) return bad("more than one V");
      after_v = true;
      continue;
    }
    if (c != '9') return bad(absl::StrCat("unexpected '", std::string(1, c), "'"));
    int count = 1;
    if (!p.empty() && p.front() == '(') {
      const size_t close = p.find(')');
      if (close == absl::string_view::npos) return bad("missing ')'");
      if (!absl::SimpleAtoi(p.substr(1, close - 1), &count) || count < 1 || count > 18) {
        return bad("a repeat count must be 1 to 18");
      }
      p.remove_prefix(close + 1);
    }
    (after_v ? decimals : integer_digits) += count;
  }
  if (integer_digits + decimals == 0) return bad("no digits");
  if (integer_digits + decimals > 18) return bad("more than 18 digits");
  layout.decimals = decimals;
  layout.digits = integer_digits + decimals;
  return absl::OkStatus();
}

absl::StatusOr<ImpliedLayout> ReadLayout(const ArgReader& args, absl::string_view decimals_key) {
  ImpliedLayout layout;
  bool pic_signed = false;
  std::optional<std::string> pic = args.Get("pic");
  if (pic.has_value()) {
    if (args.Get(decimals_key).has_value()) {
      return args.Error(absl::StrCat("give either 'pic' or '", decimals_key, "', not both"));
    }
    if (absl::Status s = ParsePic(args, *pic, layout, pic_signed); !s.ok()) return s;
  } else {
    if (!args.Get(decimals_key).has_value()) {
      return args.Error(absl::StrCat("give '", decimals_key,
                                     "' (digits after the implied point) or 'pic' (e.g. 9(7)V99)"));
    }
    absl::StatusOr<int64_t> d = args.Int(decimals_key, 0, kMaxScale, 0);
    if (!d.ok()) return d.status();
    layout.decimals = static_cast<int>(*d);
  }
  absl::StatusOr<std::string> sign = args.OneOf(
      "sign", {"none", "leading", "trailing", "overpunch"}, pic_signed ? "overpunch" : "none");
  if (!sign.ok()) return sign.status();
  layout.sign = *sign == "leading"     ? SignMode::kLeading
                : *sign == "trailing"  ? SignMode::kTrailing
                : *sign == "overpunch" ? SignMode::kOverpunch
                                       : SignMode::kNone;
  absl::StatusOr<std::string> blank = args.OneOf("blank", {"error", "null", "zero"}, "error");
  if (!blank.ok()) return blank.status();
  layout.blank = *blank == "null" ? Blank::kNull : *blank == "zero" ? Blank::kZero : Blank::kError;
  return layout;
}

// The decimal an implied-decimal field holds, or nullopt for a blank field read as null.
absl::StatusOr<std::optional<Decimal>> ReadImplied(const ImpliedLayout& layout,
                                                   absl::string_view text) {
  bool blank = true;
  for (char c : text) blank = blank && IsAsciiSpace(c);
  if (blank) {
    switch (layout.blank) {
      case Blank::kNull:
        return std::optional<Decimal>();
      case Blank::kZero:
        return std::optional<Decimal>(Decimal{0, layout.decimals});
      case Blank::kError:
        return absl::InvalidArgumentError(absl::StrCat(
            "the field is blank ", Quote(text),
            " (add blank=\"null\" or blank=\"zero\" if blank means no value or zero)"));
    }
  }
  absl::StatusOr<Decimal> d =
      ParseImpliedDecimal(text, layout.decimals, layout.sign, layout.digits);
  if (!d.ok()) return d.status();
  return std::optional<Decimal>(*d);
}

class ImpliedDecimal final : public TextTransform {
 public:
  explicit ImpliedDecimal(ImpliedLayout layout) : layout_(layout) {}

 protected:
  Result ApplyText(absl::string_view text) const override {
    absl::StatusOr<std::optional<Decimal>> d = ReadImplied(layout_, text);
    if (!d.ok()) return d.status();
    if (!d->has_value()) return Value::Null();
    return Value::OfDecimal(**d);
  }

 private:
  ImpliedLayout layout_;
};

Built MakeImpliedDecimal(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<ImpliedLayout> layout = ReadLayout(args, "decimals");
  if (!layout.ok()) return layout.status();
  return Make<ImpliedDecimal>(*layout);
}

// ---- money ----

class MoneyParse final : public Transform {
 public:
  MoneyParse(std::string currency, int minor_digits, Rounding rounding, char decimal_separator,
             char thousands, std::optional<ImpliedLayout> implied)
      : currency_from_input_(currency == "input"),
        currency_(std::move(currency)),
        minor_digits_(minor_digits),
        rounding_(rounding),
        decimal_separator_(decimal_separator),
        thousands_(thousands),
        implied_(implied) {}

  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override {
    if (currency_from_input_) {
      if (in.is_null()) return in;
      return absl::InvalidArgumentError(
          "takes two values, the amount and its currency code (currency=\"input\")");
    }
    return Convert(in, currency_, minor_digits_);
  }
  // With currency="input": the amount and its ISO 4217 code, e.g. ("12.30", "EUR").
  Result ApplyMany(std::span<const Value> inputs) const override {
    if (!currency_from_input_) return Transform::ApplyMany(inputs);
    if (inputs.size() != 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("takes two values, the amount and its currency code; got ", inputs.size()));
    }
    const Value& code = inputs[1];
    if (inputs[0].is_null()) return Value::Null();
    if (code.is_null()) return absl::InvalidArgumentError("the currency code is missing");
    absl::StatusOr<absl::string_view> text = RequireText(code);
    if (!text.ok()) return text.status();
    std::optional<int> digits = CurrencyMinorDigits(*text);
    if (!digits.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown currency ", Quote(*text),
                                                     " (expected an ISO 4217 code such as GBP)"));
    }
    return Convert(inputs[0], std::string(*text), *digits);
  }
  bool combines() const override { return currency_from_input_; }

 private:
  Result Convert(const Value& in, const std::string& currency, int minor_digits) const {
    Decimal amount;
    switch (in.kind()) {
      case ValueKind::kNull:
        return in;
      case ValueKind::kDecimal:
        amount = in.decimal();
        break;
      case ValueKind::kInteger:
        amount = Decimal{in.integer(), 0};
        break;
      case ValueKind::kText: {
        absl::StatusOr<absl::string_view> text = RequireText(in);
        if (!text.ok()) return text.status();
        if (implied_.has_value()) {
          absl::StatusOr<std::optional<Decimal>> d = ReadImplied(*implied_, *text);
          if (!d.ok()) return d.status();
          if (!d->has_value()) return Value::Null();
          amount = **d;
        } else {
          absl::StatusOr<Decimal> d = ParseDecimal(*text, decimal_separator_, thousands_);
          if (!d.ok()) return d.status();
          amount = *d;
        }
        break;
      }
      default:
        return absl::InvalidArgumentError(absl::StrCat(
            "expects an amount, got ", KindName(in.kind()), " ", Quote(in.ToString())));
    }
    absl::StatusOr<Decimal> minor = Rescale(amount, minor_digits, rounding_);
    if (!minor.ok()) {
      if (amount.scale > minor_digits && rounding_ == Rounding::kRefuse) {
        return absl::InvalidArgumentError(absl::StrCat(
            amount.ToString(), " has ", amount.scale, amount.scale == 1 ? " decimal" : " decimals",
            " but ", currency, " has ", minor_digits, "; add round=\"half-even\" to round it"));
      }
      return minor.status();
    }
    return ResultOf<Money>(Money{currency, minor->unscaled});
  }

  bool currency_from_input_;
  std::string currency_;
  int minor_digits_;
  Rounding rounding_;
  char decimal_separator_;
  char thousands_;
  std::optional<ImpliedLayout> implied_;
};

Built MakeMoney(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<std::string> currency = args.Required("currency");
  if (!currency.ok()) return currency.status();
  const bool from_input = *currency == "input";
  std::optional<int> digits = from_input ? std::optional<int>(0) : CurrencyMinorDigits(*currency);
  if (from_input && args.Get("minor-digits").has_value()) {
    return args.Error("'minor-digits' applies to a fixed currency, not currency=\"input\"");
  }
  if (args.Get("minor-digits").has_value()) {
    absl::StatusOr<int64_t> d = args.Int("minor-digits", 0, 4, 2);
    if (!d.ok()) return d.status();
    digits = static_cast<int>(*d);
  }
  if (!from_input &&
      (currency->size() != 3 || !std::all_of(currency->begin(), currency->end(), [](char c) {
         return absl::ascii_isupper(static_cast<unsigned char>(c));
       }))) {
    return args.Error(
        absl::StrCat("'currency' must be an ISO 4217 code of three capital letters "
                     "such as GBP (or \"input\" for a currency code given as a second value), got ",
                     Quote(*currency)));
  }
  if (!digits.has_value()) {
    return args.Error(absl::StrCat("unknown currency ", Quote(*currency),
                                   "; give 'minor-digits' (its number of decimals)"));
  }
  absl::StatusOr<std::string> round = args.OneOf("round", {"none", "half-even"}, "none");
  if (!round.ok()) return round.status();
  absl::StatusOr<char> decimal_separator = SeparatorArg(args, "decimal-separator", '.');
  if (!decimal_separator.ok()) return decimal_separator.status();
  absl::StatusOr<char> thousands = SeparatorArg(args, "thousands", 0);
  if (!thousands.ok()) return thousands.status();
  if (absl::Status s = CheckSeparatorsDiffer(args, *decimal_separator, *thousands); !s.ok()) {
    return s;
  }
  std::optional<ImpliedLayout> implied;
  if (args.Get("implied-decimals").has_value() || args.Get("pic").has_value()) {
    absl::StatusOr<ImpliedLayout> layout = ReadLayout(args, "implied-decimals");
    if (!layout.ok()) return layout.status();
    implied = *layout;
  } else if (args.Get("sign").has_value() || args.Get("blank").has_value()) {
    return args.Error(
        "'sign' and 'blank' apply to implied-decimal amounts: give "
        "'implied-decimals' or 'pic' too");
  }
  return Make<MoneyParse>(*currency, *digits,
                          *round == "half-even" ? Rounding::kHalfEven : Rounding::kRefuse,
                          *decimal_separator, *thousands, implied);
}

// ---- sign ----

// The magnitude with the sign a field needs, whatever sign the source wrote: `to="negative"`
// gives -|x| (a till's Return line writes positive figures for goods coming back), `positive`
// gives |x|. Integers, decimals and money; text must be converted first.
class Sign final : public Transform {
 public:
  explicit Sign(bool negative) : negative_(negative) {}

  // omnihub::mapping::Transform
  Result Apply(const Value& in) const override {
    switch (in.kind()) {
      case ValueKind::kNull:
        return in;
      case ValueKind::kInteger: {
        absl::StatusOr<int64_t> v = Signed(in.integer());
        if (!v.ok()) return v.status();
        return Value::Integer(*v);
      }
      case ValueKind::kDecimal: {
        absl::StatusOr<int64_t> v = Signed(in.decimal().unscaled);
        if (!v.ok()) return v.status();
        return Value::OfDecimal(Decimal{*v, in.decimal().scale});
      }
      case ValueKind::kMoney: {
        absl::StatusOr<int64_t> v = Signed(in.money().minor_units);
        if (!v.ok()) return v.status();
        return Value::OfMoney(Money{in.money().currency, *v});
      }
      default:
        return absl::InvalidArgumentError(
            absl::StrCat("expects an integer, decimal or money, got ", KindName(in.kind()),
                         " (convert it first, e.g. <transform name=\"integer\"/>)"));
    }
  }

 private:
  absl::StatusOr<int64_t> Signed(int64_t v) const {
    if (v == std::numeric_limits<int64_t>::min()) {
      return absl::InvalidArgumentError("the number is too large to change its sign");
    }
    const int64_t magnitude = v < 0 ? -v : v;
    return negative_ ? -magnitude : magnitude;
  }

  bool negative_;
};

Built MakeSign(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<std::string> to = args.OneOf("to", {"negative", "positive"}, "");
  if (!to.ok()) return to.status();
  if (to->empty()) return args.Error("'to' is required: negative or positive");
  return Make<Sign>(*to == "negative");
}

}  // namespace

void AddNumberTransforms(std::vector<TransformDef>& defs) {
  defs.push_back({"integer", {"thousands"}, MakeInteger});
  defs.push_back({"sign", {"to"}, MakeSign});
  defs.push_back({"decimal", {"decimal-separator", "thousands"}, MakeDecimal});
  defs.push_back({"implied-decimal", {"decimals", "pic", "sign", "blank"}, MakeImpliedDecimal});
  defs.push_back({"money",
                  {"currency", "minor-digits", "round", "decimal-separator", "thousands",
                   "implied-decimals", "pic", "sign", "blank"},
                  MakeMoney});
}

}  // namespace omnihub::mapping
