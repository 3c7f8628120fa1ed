// Identifier normalisation: the forms callers and backends write, and hostile input.
#include <gtest/gtest.h>

#include "adapters/sdk/identifier_normalizer.h"

namespace omnihub::sdk {
namespace {

using omnihub::v1::Identifier;

class NormalizerTest : public ::testing::Test {
 protected:
  IdentifierNormalizer normalizer_{"GB"};
};

TEST_F(NormalizerTest, EmailIsTrimmedAndLowerCased) {
  EXPECT_EQ(*normalizer_.Email("JANE.DOE@Example.com "), "jane.doe@example.com");
  EXPECT_EQ(*normalizer_.Email("\tjane.doe@EXAMPLE.COM"), "jane.doe@example.com");
}

TEST_F(NormalizerTest, MalformedEmailsAreRejectedWithAReason) {
  for (const char* bad : {"jane", "jane@", "@example.com", "jane@example", "a@b@c.com",
                          "jane doe@example.com", "jane@.com"}) {
    auto result = normalizer_.Email(bad);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST_F(NormalizerTest, PhoneInEveryCommonFormatIsE164) {
  for (const char* written :
       {"07700 900123", "+44 7700 900123", "0044 7700 900 123", "(07700) 900-123", "07700.900.123",
        "+447700900123", "07700 900123 ext. 12"}) {
    auto e164 = normalizer_.Phone(written);
    ASSERT_TRUE(e164.ok()) << written << ": " << e164.status();
    EXPECT_EQ(*e164, "+447700900123") << written;
  }
}

TEST_F(NormalizerTest, InvalidPhonesAreRejected) {
  for (const char* bad : {"12", "hello", "+44 12", "0000000000000000000000"}) {
    EXPECT_FALSE(normalizer_.Phone(bad).ok()) << bad;
  }
}

TEST_F(NormalizerTest, TwitterHandleWithOrWithoutAt) {
  EXPECT_EQ(*normalizer_.TwitterHandle("@JaneDoe"), "janedoe");
  EXPECT_EQ(*normalizer_.TwitterHandle("janedoe"), "janedoe");
  EXPECT_FALSE(normalizer_.TwitterHandle("@").ok());
  EXPECT_FALSE(normalizer_.TwitterHandle("jane-doe").ok());
  EXPECT_FALSE(normalizer_.TwitterHandle("a_handle_that_is_too_long").ok());
}

TEST_F(NormalizerTest, LoyaltyCardIgnoresSpacesAndChecksTheLuhnDigit) {
  // 4539 1488 0343 6467 passes the Luhn check; changing one digit breaks it.
  EXPECT_EQ(*normalizer_.LoyaltyCard("4539 1488 0343 6467"), "4539148803436467");
  EXPECT_EQ(*normalizer_.LoyaltyCard("4539-1488-0343-6467"), "4539148803436467");
  auto mistyped = normalizer_.LoyaltyCard("4539 1488 0343 6468");
  EXPECT_EQ(mistyped.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(mistyped.status().message().find("check digit"), absl::string_view::npos);
  EXPECT_FALSE(normalizer_.LoyaltyCard("12345").ok());
  EXPECT_FALSE(normalizer_.LoyaltyCard("4539x1488").ok());
}

TEST_F(NormalizerTest, PostalAddressFoldsCaseAndStreetTypes) {
  EXPECT_EQ(*normalizer_.PostalAddress("12 High St., Leeds LS1 4AB"),
            *normalizer_.PostalAddress("12 HIGH STREET LEEDS LS1 4AB"));
  EXPECT_EQ(*normalizer_.PostalAddress("Apt 4, 7 Mill Rd"), "FLAT 4 7 MILL ROAD");
}

TEST_F(NormalizerTest, AccountNumbersNeedTheirSystem) {
  Identifier account;
  account.set_type(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER);
  account.set_value(" c1000001 ");
  EXPECT_EQ(normalizer_.Normalize(account).status().code(), absl::StatusCode::kInvalidArgument);
  account.set_system("ERP");
  auto normalized = normalizer_.Normalize(account);
  ASSERT_TRUE(normalized.ok());
  EXPECT_EQ(IdentifierNormalizer::Key(*normalized), "account:erp:C1000001");
}

TEST_F(NormalizerTest, NamesFoldAccentsScriptsAndPunctuation) {
  EXPECT_EQ(IdentifierNormalizer::NameKey("Zoë O'Brien-Núñez"), "ZOE O BRIEN NUNEZ");
  EXPECT_EQ(IdentifierNormalizer::NameKey("  jane   DOE "), "JANE DOE");
  EXPECT_EQ(IdentifierNormalizer::NameKey("Łukasz Żółć"), "LUKASZ ZOLC");
  EXPECT_EQ(IdentifierNormalizer::NameKey("Ελένη"), "ELENE");
  EXPECT_EQ(IdentifierNormalizer::NameKey("bad \xff bytes"), "BAD BYTES");
}

TEST_F(NormalizerTest, AsciiNamesFoldAsTheTransliteratorFoldsThem) {
  // ASCII skips ICU; the same name with an em dash goes through it.
  EXPECT_EQ(IdentifierNormalizer::NameKey("o'brien-smith\tjr. 3rd"), "O BRIEN SMITH JR RD");
  EXPECT_EQ(IdentifierNormalizer::NameKey("o'brien\xe2\x80\x94smith\tjr. 3rd"),
            "O BRIEN SMITH JR RD");
  EXPECT_EQ(IdentifierNormalizer::NameKey("''--..  "), "");
}

TEST_F(NormalizerTest, HostileInputIsRejectedNotCrashed) {
  Identifier identifier;
  identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  for (const std::string& bad :
       {std::string(100000, 'a') + "@example.com", std::string("jane\xff@example.com"),
        std::string("jane\0@example.com", 17), std::string("   "), std::string()}) {
    identifier.set_value(bad);
    EXPECT_EQ(normalizer_.Normalize(identifier).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
  identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_UNSPECIFIED);
  identifier.set_value("x");
  EXPECT_EQ(normalizer_.Normalize(identifier).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace omnihub::sdk
