#include "adapters/sdk/identifier_normalizer.h"

#include <phonenumbers/phonenumberutil.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "adapters/sdk/utf8.h"

namespace omnihub::sdk {
namespace {

using omnihub::v1::Identifier;
using omnihub::v1::IdentifierType;

constexpr size_t kMaxIdentifierBytes = 256;

absl::Status CheckText(absl::string_view what, absl::string_view raw) {
  if (raw.size() > kMaxIdentifierBytes) {
    return absl::InvalidArgumentError(absl::StrCat(what, " is too long (", raw.size(),
                                                   " bytes, at most ", kMaxIdentifierBytes, ")"));
  }
  if (!IsValidUtf8(raw)) return absl::InvalidArgumentError(absl::StrCat(what, " is not UTF-8"));
  for (char c : raw) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      return absl::InvalidArgumentError(absl::StrCat(what, " contains control characters"));
    }
  }
  if (absl::StripAsciiWhitespace(raw).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(what, " is empty"));
  }
  return absl::OkStatus();
}

bool LuhnValid(absl::string_view digits) {
  int sum = 0;
  bool doubled = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (doubled) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

// Street-type and unit words as written on envelopes -> one spelling.
absl::string_view CanonicalAddressWord(absl::string_view word) {
  static const std::pair<absl::string_view, absl::string_view> kWords[] = {
      {"ST", "STREET"},    {"RD", "ROAD"},   {"AVE", "AVENUE"},  {"AV", "AVENUE"},
      {"LN", "LANE"},      {"DR", "DRIVE"},  {"CT", "COURT"},    {"CRES", "CRESCENT"},
      {"PL", "PLACE"},     {"SQ", "SQUARE"}, {"TER", "TERRACE"}, {"TCE", "TERRACE"},
      {"GDNS", "GARDENS"}, {"CL", "CLOSE"},  {"APT", "FLAT"},    {"APARTMENT", "FLAT"},
      {"UNIT", "FLAT"},    {"HSE", "HOUSE"}, {"PK", "PARK"},     {"GRN", "GREEN"}};
  for (const auto& [from, to] : kWords) {
    if (word == from) return to;
  }
  return word;
}

}  // namespace

IdentifierStrength StrengthOf(IdentifierType type) {
  switch (type) {
    case omnihub::v1::IDENTIFIER_TYPE_PHONE:
    case omnihub::v1::IDENTIFIER_TYPE_POSTAL_ADDRESS:
      return IdentifierStrength::kWeak;
    default:
      return IdentifierStrength::kStrong;
  }
}

IdentifierNormalizer::IdentifierNormalizer(std::string default_country)
    : default_country_(std::move(default_country)),
      phone_util_(*i18n::phonenumbers::PhoneNumberUtil::GetInstance()) {}

absl::StatusOr<std::string> IdentifierNormalizer::Email(absl::string_view raw) const {
  if (auto status = CheckText("e-mail", raw); !status.ok()) return status;
  std::string email = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
  std::vector<absl::string_view> parts = absl::StrSplit(email, '@');
  if (parts.size() != 2 || parts[0].empty() || parts[1].empty() ||
      parts[1].find('.') == absl::string_view::npos || parts[1].front() == '.' ||
      parts[1].back() == '.') {
    return absl::InvalidArgumentError(
        absl::StrCat("e-mail '", email, "' is not an address of the form name@domain.tld"));
  }
  for (char c : email) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      return absl::InvalidArgumentError(absl::StrCat("e-mail '", email, "' contains spaces"));
    }
  }
  return email;
}

absl::StatusOr<std::string> IdentifierNormalizer::Phone(absl::string_view raw) const {
  if (auto status = CheckText("phone", raw); !status.ok()) return status;
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  std::string text(absl::StripAsciiWhitespace(raw));
  // "0044 ..." is the international prefix written out; libphonenumber wants '+'.
  if (absl::StartsWith(text, "00")) text = "+" + text.substr(2);
  PhoneNumber number;
  // "Possible" (right length and shape for the country), not "valid" (in an allocated range):
  // backends hold numbers from ranges allocated after the metadata was built, and reserved
  // ranges such as the UK's 07700 900xxx are real identifiers here.
  if (phone_util_.Parse(text, default_country_, &number) != PhoneNumberUtil::NO_PARSING_ERROR ||
      !phone_util_.IsPossibleNumber(number)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "phone '", text, "' is not a valid number (default country ", default_country_, ")"));
  }
  number.clear_extension();
  std::string e164;
  phone_util_.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

absl::StatusOr<std::string> IdentifierNormalizer::PostalAddress(absl::string_view raw) const {
  if (auto status = CheckText("postal address", raw); !status.ok()) return status;
  std::string upper = absl::AsciiStrToUpper(raw);
  for (char& c : upper) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) &&
        static_cast<unsigned char>(c) < 0x80) {
      c = ' ';
    }
  }
  std::vector<std::string> words;
  for (absl::string_view word : absl::StrSplit(upper, ' ', absl::SkipEmpty())) {
    words.emplace_back(CanonicalAddressWord(word));
  }
  if (words.size() < 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("postal address '", raw, "' needs at least a street and a postcode"));
  }
  return absl::StrJoin(words, " ");
}

absl::StatusOr<std::string> IdentifierNormalizer::LoyaltyCard(absl::string_view raw) const {
  if (auto status = CheckText("loyalty card", raw); !status.ok()) return status;
  std::string digits;
  for (char c : raw) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (c != ' ' && c != '-') {
      return absl::InvalidArgumentError(
          absl::StrCat("loyalty card '", raw, "' may contain only digits, spaces and hyphens"));
    }
  }
  if (digits.size() < 12 || digits.size() > 19) {
    return absl::InvalidArgumentError(
        absl::StrCat("loyalty card '", raw, "' must have 12 to 19 digits, has ", digits.size()));
  }
  if (!LuhnValid(digits)) {
    return absl::InvalidArgumentError(
        absl::StrCat("loyalty card '", raw, "' fails its check digit (mistyped?)"));
  }
  return digits;
}

absl::StatusOr<std::string> IdentifierNormalizer::TwitterHandle(absl::string_view raw) const {
  if (auto status = CheckText("Twitter handle", raw); !status.ok()) return status;
  absl::string_view handle = absl::StripAsciiWhitespace(raw);
  absl::ConsumePrefix(&handle, "@");
  if (handle.empty() || handle.size() > 15) {
    return absl::InvalidArgumentError(
        absl::StrCat("Twitter handle '", raw, "' must have 1 to 15 characters after '@'"));
  }
  for (char c : handle) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_') {
      return absl::InvalidArgumentError(absl::StrCat(
          "Twitter handle '", raw, "' may contain only letters, digits and underscores"));
    }
  }
  return absl::AsciiStrToLower(handle);
}

absl::StatusOr<std::string> IdentifierNormalizer::FacebookId(absl::string_view raw) const {
  if (auto status = CheckText("Facebook id", raw); !status.ok()) return status;
  absl::string_view id = absl::StripAsciiWhitespace(raw);
  if (id.size() < 5 || id.size() > 20 ||
      !std::all_of(id.begin(), id.end(), [](char c) { return absl::ascii_isdigit(c); })) {
    return absl::InvalidArgumentError(
        absl::StrCat("Facebook id '", raw, "' must be 5 to 20 digits"));
  }
  return std::string(id);
}

absl::StatusOr<std::string> IdentifierNormalizer::AccountNumber(absl::string_view raw) const {
  if (auto status = CheckText("account number", raw); !status.ok()) return status;
  std::string account = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(raw));
  for (char c : account) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '/') {
      return absl::InvalidArgumentError(absl::StrCat(
          "account number '", raw, "' may contain only letters, digits, '-', '_' and '/'"));
    }
  }
  return account;
}

absl::StatusOr<Identifier> IdentifierNormalizer::Normalize(const Identifier& identifier) const {
  absl::StatusOr<std::string> value;
  switch (identifier.type()) {
    case omnihub::v1::IDENTIFIER_TYPE_EMAIL:
      value = Email(identifier.value());
      break;
    case omnihub::v1::IDENTIFIER_TYPE_PHONE:
      value = Phone(identifier.value());
      break;
    case omnihub::v1::IDENTIFIER_TYPE_POSTAL_ADDRESS:
      value = PostalAddress(identifier.value());
      break;
    case omnihub::v1::IDENTIFIER_TYPE_LOYALTY_CARD:
      value = LoyaltyCard(identifier.value());
      break;
    case omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE:
      value = TwitterHandle(identifier.value());
      break;
    case omnihub::v1::IDENTIFIER_TYPE_FACEBOOK_ID:
      value = FacebookId(identifier.value());
      break;
    case omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER:
      if (identifier.system().empty()) {
        return absl::InvalidArgumentError("an account number needs the system that issued it");
      }
      value = AccountNumber(identifier.value());
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("identifier type ", identifier.type(), " is not a known type"));
  }
  if (!value.ok()) return value.status();
  Identifier normalized;
  normalized.set_type(identifier.type());
  normalized.set_value(*std::move(value));
  if (identifier.type() == omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER) {
    normalized.set_system(absl::AsciiStrToLower(absl::StripAsciiWhitespace(identifier.system())));
  }
  return normalized;
}

std::string IdentifierNormalizer::Key(const Identifier& normalized) {
  const auto pieces = KeyPieces(normalized);
  return absl::StrCat(pieces[0], pieces[1], pieces[2], pieces[3]);
}

std::array<absl::string_view, 4> IdentifierNormalizer::KeyPieces(const Identifier& normalized) {
  switch (normalized.type()) {
    case omnihub::v1::IDENTIFIER_TYPE_EMAIL:
      return {"email:", "", "", normalized.value()};
    case omnihub::v1::IDENTIFIER_TYPE_PHONE:
      return {"phone:", "", "", normalized.value()};
    case omnihub::v1::IDENTIFIER_TYPE_POSTAL_ADDRESS:
      return {"address:", "", "", normalized.value()};
    case omnihub::v1::IDENTIFIER_TYPE_LOYALTY_CARD:
      return {"loyalty:", "", "", normalized.value()};
    case omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE:
      return {"twitter:", "", "", normalized.value()};
    case omnihub::v1::IDENTIFIER_TYPE_FACEBOOK_ID:
      return {"facebook:", "", "", normalized.value()};
    case omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER:
      return {"account:", normalized.system(), ":", normalized.value()};
    default:
      return {"unknown:", "", "", normalized.value()};
  }
}

std::string IdentifierNormalizer::NameKey(absl::string_view raw) {
  // ICU folds every script to plain upper-case ASCII: "Zoë O'Brien-Núñez" -> "ZOE O BRIEN NUNEZ".
  // Transliterators are not safe to share between threads: one per thread.
  thread_local std::unique_ptr<icu::Transliterator> fold = [] {
    UErrorCode error = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Upper", UTRANS_FORWARD, error));
    return U_SUCCESS(error) ? std::move(created) : nullptr;
  }();
  std::string folded;
  const bool ascii = std::all_of(raw.begin(), raw.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    // What the transliterator makes of ASCII, without its cost (most names are ASCII).
    folded = absl::AsciiStrToUpper(raw);
  } else if (fold && IsValidUtf8(raw)) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
    fold->transliterate(text);
    text.toUTF8String(folded);
  } else {
    folded = absl::AsciiStrToUpper(raw);
  }
  std::string out;
  bool space = false;
  for (char c : folded) {
    if (absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
    } else {
      space = true;
    }
  }
  return out;
}

std::string IdentifierNormalizer::PostcodeKey(absl::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace omnihub::sdk
