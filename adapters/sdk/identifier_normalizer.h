// Identifier normalisation: every identifier a caller or a backend writes is brought to one
// canonical form before it is compared, so "JANE.DOE@Example.com " and "jane.doe@example.com" are
// the same key. Shared by the hub (identity resolution) and connectors (mapping transforms).
#pragma once

#include <array>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "omnihub/v1/common.pb.h"

namespace i18n::phonenumbers {
class PhoneNumberUtil;
}

namespace omnihub::sdk {

// How an identifier may be used to link accounts.
enum class IdentifierStrength {
  // Belongs to one person: a shared strong identifier links two accounts automatically.
  kStrong,
  // May be shared by a household (phone, postal address): finds customers, never links them.
  kWeak,
};

IdentifierStrength StrengthOf(omnihub::v1::IdentifierType type);

// Normalises identifiers of every type.
//
// Thread-safe and immutable after construction.
class IdentifierNormalizer {
 public:
  // `default_country`: ISO 3166-1 alpha-2 region for phone numbers written without a country
  // code, e.g. "GB".
  explicit IdentifierNormalizer(std::string default_country);

  // The canonical form of `identifier` (type and system kept, value normalised), or
  // INVALID_ARGUMENT naming what is wrong (e.g. "phone '12' is not a valid number for GB").
  absl::StatusOr<omnihub::v1::Identifier> Normalize(
      const omnihub::v1::Identifier& identifier) const;

  // The index key of a normalised identifier: "email:jane.doe@example.com",
  // "account:erp:C1000001".
  static std::string Key(const omnihub::v1::Identifier& normalized);
  // Key() in pieces, to hash or compare a key without building it: Key() is their concatenation
  // (the type's prefix, then for account numbers the system and ':', then the value). The views
  // point into `normalized`.
  static std::array<absl::string_view, 4> KeyPieces(const omnihub::v1::Identifier& normalized);

  absl::StatusOr<std::string> Email(absl::string_view raw) const;
  absl::StatusOr<std::string> Phone(absl::string_view raw) const;
  absl::StatusOr<std::string> PostalAddress(absl::string_view raw) const;
  absl::StatusOr<std::string> LoyaltyCard(absl::string_view raw) const;
  absl::StatusOr<std::string> TwitterHandle(absl::string_view raw) const;
  absl::StatusOr<std::string> FacebookId(absl::string_view raw) const;
  absl::StatusOr<std::string> AccountNumber(absl::string_view raw) const;

  // Words of a name in upper-case ASCII (ICU transliteration: accents and other scripts folded,
  // punctuation dropped), for fuzzy name comparison.
  static std::string NameKey(absl::string_view raw);
  // Upper-case without spaces: "ls1 4ab" -> "LS14AB".
  static std::string PostcodeKey(absl::string_view raw);

 private:
  std::string default_country_;
  const i18n::phonenumbers::PhoneNumberUtil& phone_util_;
};

}  // namespace omnihub::sdk
