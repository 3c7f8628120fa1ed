// payment-sim's API without sockets: lists and paging, refunds (partial, repeated merchant
// reference, above the captured amount declined in HTTP 200, full, unknown order), hostile
// request bodies, authentication, and the switchable faults.
#include "tools/simulators/payment/api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

namespace omnihub::payment_sim {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::shared_ptr<const world::World> SharedWorld() {
  static const auto world =
      std::make_shared<const world::World>(world::Generate({.seed = 42, .customers = 200}));
  return world;
}

class PaymentApiTest : public ::testing::Test {
 protected:
  ApiResponse Get(const std::string& target) { return api_->Handle({"GET", target, {}, ""}); }
  ApiResponse Refund(const std::string& order, const std::string& reference,
                     const std::string& amount, const std::string& currency = "GBP") {
    const std::string body = "<RefundRequest xmlns=\"urn:psp:payments:v1\"><MerchantReference>" +
                             reference + "</MerchantReference><ModificationAmount currency=\"" +
                             currency + "\">" + amount + "</ModificationAmount></RefundRequest>";
    return Post("/psp/v1/payments/" + order + "/refunds", body);
  }
  ApiResponse Post(const std::string& target, const std::string& body,
                   const std::string& type = "application/xml") {
    return api_->Handle({"POST", target, {{"Content-Type", type}}, body});
  }
  static std::string Code(const ApiResponse& r) {
    std::smatch m;
    static const std::regex kCode("<Code>([^<]*)</Code>");
    return std::regex_search(r.body, m, kCode) ? m[1].str() : "";
  }
  static std::string Between(const std::string& body, const std::string& element) {
    const size_t open = body.find("<" + element);
    if (open == std::string::npos) return "";
    const size_t start = body.find('>', open) + 1;
    return body.substr(start, body.find("</" + element, start) - start);
  }

  std::shared_ptr<Gateway> gateway_ = std::make_shared<Gateway>(SharedWorld());
  std::unique_ptr<PaymentApi> api_ = std::make_unique<PaymentApi>(gateway_, ApiOptions{});
};

TEST_F(PaymentApiTest, ServesJanesTransactionsNewestFirstAsXml) {
  const ApiResponse r = Get("/psp/v1/shoppers/6108000123/transactions");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Code(r), "00");
  EXPECT_THAT(r.headers, ::testing::Contains(::testing::Pair("Content-Type", HasSubstr("xml"))));
  EXPECT_THAT(r.body, HasSubstr("<TransactionList xmlns=\"urn:psp:payments:v1\">"));
  EXPECT_LT(r.body.find("W1000002"), r.body.find("W1000001"));
  EXPECT_THAT(Get("/psp/v1/payments/W1000002").body, HasSubstr("<PaymentLookup"));
  EXPECT_THAT(Get("/fraud/v1/orders/W1000002/assessment").body,
              HasSubstr("<Assessment xmlns=\"urn:psp:fraud:v1\">"));
}

TEST_F(PaymentApiTest, UnknownShopperOrOrderIsCode14InHttp200) {
  EXPECT_EQ(Code(Get("/psp/v1/shoppers/0000/transactions")), "14");
  EXPECT_EQ(Get("/psp/v1/shoppers/0000/transactions").status, 200);
  EXPECT_EQ(Code(Get("/psp/v1/payments/NOPE")), "14");
  EXPECT_EQ(Code(Get("/fraud/v1/orders/NOPE/assessment")), "14");
  EXPECT_EQ(Get("/psp/v2/nothing").status, 404);
  EXPECT_EQ(api_->Handle({"DELETE", "/psp/v1/payments/W1", {}, ""}).status, 405);
}

TEST_F(PaymentApiTest, ShoppersArePagedWithANextLink) {
  const ApiResponse first = Get("/psp/v1/shoppers?limit=2");
  ASSERT_EQ(first.status, 200);
  std::string link;
  for (const auto& [name, value] : first.headers) {
    if (name == "Link") link = value;
  }
  EXPECT_THAT(link, HasSubstr("/psp/v1/shoppers?limit=2&cursor=o2>; rel=\"next\""));
  const ApiResponse second = Get("/psp/v1/shoppers?limit=2&cursor=o2");
  EXPECT_EQ(second.status, 200);
  EXPECT_NE(Between(first.body, "ShopperReference"), Between(second.body, "ShopperReference"));
  EXPECT_EQ(Get("/psp/v1/shoppers?limit=0").status, 400);
  EXPECT_EQ(Get("/psp/v1/shoppers?cursor=o999999").status, 400);
  EXPECT_EQ(Get("/psp/v1/shoppers?cursor=x1").status, 400);
}

TEST_F(PaymentApiTest, PartialRefundThenRepeatedMerchantReferenceNeverRefundsTwice) {
  const ApiResponse first = Refund("W1000002", "idem-1", "500");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Code(first), "00");
  EXPECT_EQ(Between(first.body, "TotalRefunded"), "500");
  EXPECT_EQ(Between(first.body, "Replayed"), "false");
  const ApiResponse again = Refund("W1000002", "idem-1", "500");
  EXPECT_EQ(Code(again), "00");
  EXPECT_EQ(Between(again.body, "Replayed"), "true");
  EXPECT_EQ(Between(again.body, "RefundReference"), Between(first.body, "RefundReference"));
  EXPECT_EQ(Between(again.body, "TotalRefunded"), "500");
  const ApiResponse lookup = Get("/psp/v1/payments/W1000002");
  EXPECT_EQ(Between(lookup.body, "Refunded"), "500");
  EXPECT_THAT(lookup.body, HasSubstr("<Status>PARTIALLY_REFUNDED</Status>"));
  // The same reference for another amount is refused, not applied.
  EXPECT_EQ(Code(Refund("W1000002", "idem-1", "700")), "30");
}

// The gateway's change feed: one call per approved refund, with the shopper and order it
// belongs to; a replay, a declined and a malformed request announce nothing.
TEST_F(PaymentApiTest, EveryApprovedRefundIsAnnouncedOnceWithItsShopperAndOrder) {
  std::vector<RefundOutcome> announced;
  ApiOptions options;
  options.on_refund_completed = [&announced](const RefundOutcome& r) { announced.push_back(r); };
  api_ = std::make_unique<PaymentApi>(gateway_, options);
  ASSERT_EQ(Code(Refund("W1000002", "feed-1", "300")), "00");
  ASSERT_EQ(Code(Refund("W1000002", "feed-1", "300")), "00");  // replayed
  ASSERT_EQ(Code(Refund("W1000002", "feed-2", "99999999")), "05");
  ASSERT_EQ(Code(Refund("W1000002", "feed-3", "-1")), "30");
  ASSERT_EQ(Code(Refund("NO-SUCH-ORDER", "feed-4", "100")), "14");
  ASSERT_EQ(announced.size(), 1u);
  EXPECT_EQ(announced[0].shopper_reference, "6108000123");
  EXPECT_EQ(announced[0].order, "W1000002");
  EXPECT_EQ(announced[0].amount_minor, 300);
  EXPECT_EQ(announced[0].merchant_reference, "feed-1");
  EXPECT_FALSE(announced[0].refund_reference.empty());
}

TEST_F(PaymentApiTest, RefundAboveTheCapturedAmountIsDeclinedInHttp200AndChangesNothing) {
  const ApiResponse r = Refund("W1000002", "too-much", "99999999");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Code(r), "05");
  EXPECT_THAT(r.body, HasSubstr("exceeds the captured amount"));
  EXPECT_THAT(r.body, Not(HasSubstr("<RefundReference>")));
  EXPECT_EQ(Between(Get("/psp/v1/payments/W1000002").body, "Refunded"), "0");
  // Repeating the declined request replays the decline.
  const ApiResponse again = Refund("W1000002", "too-much", "99999999");
  EXPECT_EQ(Code(again), "05");
  EXPECT_EQ(Between(again.body, "Replayed"), "true");
}

TEST_F(PaymentApiTest, NoAmountRefundsWhatIsLeftThenNothingMore) {
  const ApiResponse full = Refund("W1000002", "full-1", "", "");
  EXPECT_EQ(Code(full), "00");
  EXPECT_THAT(Get("/psp/v1/payments/W1000002").body, HasSubstr("<Status>REFUNDED</Status>"));
  EXPECT_EQ(Code(Refund("W1000002", "full-2", "1")), "05");
  EXPECT_EQ(Code(Refund("NOPE", "x-1", "1")), "14");
  EXPECT_EQ(Code(Refund("W1000002", "eur-1", "1", "EUR")), "30");
}

TEST_F(PaymentApiTest, HostileRefundBodiesAreRefusedWithAFormatError) {
  EXPECT_EQ(Code(Post("/psp/v1/payments/W1000002/refunds", "<RefundRequest><Merch")), "30");
  EXPECT_EQ(Code(Post("/psp/v1/payments/W1000002/refunds",
                      "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                      "<RefundRequest xmlns=\"urn:psp:payments:v1\"><MerchantReference>&x;"
                      "</MerchantReference></RefundRequest>")),
            "30");
  EXPECT_EQ(Code(Post("/psp/v1/payments/W1000002/refunds",
                      "<RefundRequest xmlns=\"urn:other\"><MerchantReference>a</MerchantReference>"
                      "</RefundRequest>")),
            "30");
  EXPECT_EQ(Code(Refund("W1000002", "neg", "-5")), "30");
  EXPECT_EQ(Code(Refund("W1000002", "", "5")), "30");
  EXPECT_EQ(Post("/psp/v1/payments/W1000002/refunds", "{}", "application/json").status, 415);
  EXPECT_EQ(Between(Get("/psp/v1/payments/W1000002").body, "Refunded"), "0");
}

TEST(PaymentApiOptions, MerchantKeyIsRequiredWhenConfigured) {
  PaymentApi api(std::make_shared<Gateway>(SharedWorld()), {.api_key = "secret"});
  EXPECT_EQ(api.Handle({"GET", "/psp/v1/shoppers", {}, ""}).status, 401);
  EXPECT_EQ(api.Handle({"GET", "/psp/v1/shoppers", {{"X-Merchant-Key", "wrong"}}, ""}).status, 401);
  EXPECT_EQ(api.Handle({"GET", "/psp/v1/shoppers", {{"x-merchant-key", "secret"}}, ""}).status,
            200);
}

TEST(PaymentApiOptions, RateLimitAndErrorsAreSwitchable) {
  PaymentApi limited(std::make_shared<Gateway>(SharedWorld()),
                     {.rate_limit_every = 2, .retry_after_s = 3});
  EXPECT_EQ(limited.Handle({"GET", "/psp/v1/shoppers", {}, ""}).status, 200);
  const ApiResponse r = limited.Handle({"GET", "/psp/v1/shoppers", {}, ""});
  EXPECT_EQ(r.status, 429);
  EXPECT_THAT(r.headers, ::testing::Contains(::testing::Pair("Retry-After", "3")));
  PaymentApi failing(std::make_shared<Gateway>(SharedWorld()), {.error_rate = 1});
  EXPECT_EQ(failing.Handle({"GET", "/psp/v1/shoppers", {}, ""}).status, 503);
}

TEST(PaymentApiOptions, FaultsReplaceGoodAnswers) {
  auto with = [](Fault fault) {
    PaymentApi api(std::make_shared<Gateway>(SharedWorld()), {.fault = fault});
    return api.Handle({"GET", "/psp/v1/shoppers/6108000123/transactions", {}, ""});
  };
  EXPECT_TRUE(with(Fault::kTruncated).truncate);
  EXPECT_THAT(with(Fault::kWrongContentType).headers,
              ::testing::Contains(::testing::Pair("Content-Type", HasSubstr("text/html"))));
  EXPECT_THAT(with(Fault::kMalformed).body, Not(HasSubstr("</TransactionList>")));
  EXPECT_THAT(with(Fault::kXmlBomb).body, HasSubstr("<!ENTITY lol9"));
  EXPECT_THAT(with(Fault::kExternalEntity).body, HasSubstr("file:///etc/passwd"));
  EXPECT_GT(with(Fault::kDeepNesting).body.size(), 60000u);
  EXPECT_GT(with(Fault::kOversized).body.size(), 6u << 20);
  EXPECT_THAT(with(Fault::kSystemMalfunction).body, HasSubstr("<Code>96</Code>"));
  EXPECT_EQ(ParseFault("xml-bomb"), Fault::kXmlBomb);
  EXPECT_FALSE(ParseFault("bomb").has_value());
}

}  // namespace
}  // namespace omnihub::payment_sim
