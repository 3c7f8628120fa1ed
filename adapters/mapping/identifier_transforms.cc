// phone, email, loyalty-card: through the SDK's IdentifierNormalizer, so a mapped identifier and an
// identifier a caller types are normalised identically.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "adapters/mapping/transform_impl.h"
#include "adapters/sdk/identifier_normalizer.h"

namespace omnihub::mapping {
namespace {

using Result = absl::StatusOr<Value>;
using Built = absl::StatusOr<std::unique_ptr<Transform>>;

enum class IdentifierKind { kPhone, kEmail, kLoyaltyCard };

class NormalizeIdentifier final : public TextTransform {
 public:
  NormalizeIdentifier(IdentifierKind kind, std::string country)
      : kind_(kind), normalizer_(std::move(country)) {}

 protected:
  Result ApplyText(absl::string_view text) const override {
    absl::StatusOr<std::string> out = kind_ == IdentifierKind::kPhone ? normalizer_.Phone(text)
                                      : kind_ == IdentifierKind::kEmail
                                          ? normalizer_.Email(text)
                                          : normalizer_.LoyaltyCard(text);
    if (!out.ok()) return out.status();
    return Value::Text(*std::move(out));
  }

 private:
  IdentifierKind kind_;
  sdk::IdentifierNormalizer normalizer_;
};

Built MakePhone(const ArgReader& args, const TransformSpec&) {
  absl::StatusOr<std::string> country = args.Required("country");
  if (!country.ok()) return country.status();
  if (country->size() != 2 || !absl::ascii_isupper(static_cast<unsigned char>((*country)[0])) ||
      !absl::ascii_isupper(static_cast<unsigned char>((*country)[1]))) {
    return args.Error(absl::StrCat("'country' must be a two-letter ISO 3166 code such as GB, got ",
                                   Quote(*country)));
  }
  return Make<NormalizeIdentifier>(IdentifierKind::kPhone, *country);
}

Built MakeEmail(const ArgReader&, const TransformSpec&) {
  return Make<NormalizeIdentifier>(IdentifierKind::kEmail, "ZZ");
}

// The card's digits (spaces and dashes dropped), Luhn-checked.
Built MakeLoyaltyCard(const ArgReader&, const TransformSpec&) {
  return Make<NormalizeIdentifier>(IdentifierKind::kLoyaltyCard, "ZZ");
}

}  // namespace

void AddIdentifierTransforms(std::vector<TransformDef>& defs) {
  defs.push_back({"phone", {"country"}, MakePhone});
  defs.push_back({"email", {}, MakeEmail});
  defs.push_back({"loyalty-card", {}, MakeLoyaltyCard});
}

}  // namespace omnihub::mapping
