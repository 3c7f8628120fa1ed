// The http-xml connector against the in-process payment simulator: Jane Doe's payments with
// fraud, one order, refunds (partial, repeated idempotency key, above the captured amount
// declined in HTTP 200), the identity scan, hostile answers (truncated, wrong content type, XML
// bomb, external entity, deep nesting, oversized, malformed, retryable result code, 429) and the
// factory's refusals.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <set>

#include "adapters/sdk/testing/conformance.h"
#include "tests/http_xml/running_gateway.h"

namespace omnihub::http_xml::testing {
namespace {

using sdk::testing::FetchAndWait;
using ::testing::HasSubstr;

constexpr auto kDeadline = std::chrono::seconds(5);

const RunningGateway& Healthy() {
  static auto* gateway = new RunningGateway();
  return *gateway;
}

sdk::FetchRequest Payments(std::string account, std::string order = "") {
  sdk::FetchRequest request;
  request.account_ids = {std::move(account)};
  request.sections = {v1::SECTION_PAYMENTS};
  request.order_number = std::move(order);
  return request;
}

absl::StatusOr<sdk::ActionResponse> ActAndWait(sdk::Adapter& adapter,
                                               const sdk::ActionRequest& request) {
  std::promise<absl::StatusOr<sdk::ActionResponse>> promise;
  adapter.Act(request, sdk::CallContext::WithTimeout(kDeadline),
              [&promise](absl::StatusOr<sdk::ActionResponse> r) { promise.set_value(r); });
  return promise.get_future().get();
}

sdk::ActionRequest Refund(std::string order, std::string key, int64_t minor) {
  sdk::ActionRequest request;
  request.kind = sdk::ActionRequest::Kind::kRefund;
  request.account_id = "6108000123";
  request.order_number = std::move(order);
  request.idempotency_key = std::move(key);
  request.agent_id = "agent-7";
  request.text = "item arrived damaged <b>&</b>";
  if (minor > 0) {
    request.amount.set_currency_code("GBP");
    request.amount.set_amount_minor(minor);
  }
  return request;
}

absl::Status FetchStatus(const payment_sim::ApiOptions& options) {
  RunningGateway gateway(options);
  auto adapter = MakeAdapter(gateway.url());
  return FetchAndWait(*adapter, Payments("6108000123"), sdk::CallContext::WithTimeout(kDeadline))
      .status();
}

TEST(HttpXmlAdapter, DeclaresWhatTheMappingOffers) {
  auto adapter = MakeAdapter(Healthy().url());
  const auto& info = adapter->info();
  EXPECT_EQ(info.system, "payment");
  EXPECT_EQ(info.type, "http-xml");
  EXPECT_TRUE(info.capabilities.Has(sdk::Capability::kPayments));
  EXPECT_TRUE(info.capabilities.Has(sdk::Capability::kIdentityScan));
  EXPECT_TRUE(info.capabilities.Has(sdk::Capability::kRefund));
  EXPECT_FALSE(info.capabilities.Has(sdk::Capability::kProfile));
}

TEST(HttpXmlAdapter, JanesPaymentsComeWithTheirFraudAssessments) {
  auto adapter = MakeAdapter(Healthy().url());
  auto data =
      FetchAndWait(*adapter, Payments("6108000123"), sdk::CallContext::WithTimeout(kDeadline));
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_GE(data->payments.size(), 3u);
  for (size_t i = 1; i < data->payments.size(); ++i) {
    EXPECT_GE(data->payments[i - 1].created_at().seconds(),
              data->payments[i].created_at().seconds());
  }
  bool saw_review = false;
  for (const auto& payment : data->payments) {
    EXPECT_EQ(payment.source_system(), "payment");
    EXPECT_FALSE(payment.payment_ref().empty());
    EXPECT_EQ(payment.captured().currency_code(), "GBP");
    EXPECT_NE(payment.fraud().decision(), v1::FRAUD_DECISION_UNSPECIFIED) << payment.order_number();
    if (payment.order_number() == "W1000002") {
      saw_review = payment.fraud().decision() == v1::FRAUD_DECISION_REVIEW;
      EXPECT_EQ(payment.fraud().score(), 72);
    }
  }
  EXPECT_TRUE(saw_review);
}

TEST(HttpXmlAdapter, FraudEngineDownLeavesThePaymentsWithTheReason) {
  payment_sim::ApiOptions options;
  options.fraud_unavailable = true;
  RunningGateway gateway(options);
  auto adapter = MakeAdapter(gateway.url());
  auto data =
      FetchAndWait(*adapter, Payments("6108000123"), sdk::CallContext::WithTimeout(kDeadline));
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_FALSE(data->payments.empty());
  std::set<std::string> orders;
  for (const auto& payment : data->payments) {
    EXPECT_FALSE(payment.has_fraud()) << payment.order_number();
    orders.insert(payment.order_number());
  }
  ASSERT_EQ(data->incomplete.count(v1::SECTION_PAYMENTS), 1u);
  const std::string& why = data->incomplete.at(v1::SECTION_PAYMENTS);
  EXPECT_THAT(why, HasSubstr("fraud assessments missing for " + std::to_string(orders.size())));
  EXPECT_THAT(why, HasSubstr("the fraud engine did not answer"));
  EXPECT_THAT(why, HasSubstr("503"));

  // With the fraud engine up, nothing is said to be missing.
  auto healthy = MakeAdapter(Healthy().url());
  data = FetchAndWait(*healthy, Payments("6108000123"), sdk::CallContext::WithTimeout(kDeadline));
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_TRUE(data->incomplete.empty());
}

TEST(HttpXmlAdapter, OneOrdersPaymentsByOrderReference) {
  auto adapter = MakeAdapter(Healthy().url());
  auto data = FetchAndWait(*adapter, Payments("6108000123", "W1000003"),
                           sdk::CallContext::WithTimeout(kDeadline));
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_FALSE(data->payments.empty());
  for (const auto& payment : data->payments) EXPECT_EQ(payment.order_number(), "W1000003");
  EXPECT_EQ(data->payments.front().state(), v1::PAYMENT_STATE_PARTIALLY_REFUNDED);
  auto unknown = FetchAndWait(*adapter, Payments("6108000123", "NO-SUCH-ORDER"),
                              sdk::CallContext::WithTimeout(kDeadline));
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound) << unknown.status();
}

TEST(HttpXmlAdapter, PartialRefundRepeatedWithItsKeyNeverRefundsTwice) {
  RunningGateway gateway;
  auto adapter = MakeAdapter(gateway.url());
  auto first = ActAndWait(*adapter, Refund("W1000002", "idem-partial-1", 1500));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(first->reference, ::testing::StartsWith("RF"));
  EXPECT_THAT(first->detail, HasSubstr("15.00 GBP accepted"));
  auto again = ActAndWait(*adapter, Refund("W1000002", "idem-partial-1", 1500));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->reference, first->reference);
  EXPECT_THAT(again->detail, HasSubstr("replayed"));
  auto data = FetchAndWait(*adapter, Payments("6108000123", "W1000002"),
                           sdk::CallContext::WithTimeout(kDeadline));
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->payments.front().refunded().amount_minor(), 1500);
  EXPECT_EQ(data->payments.front().state(), v1::PAYMENT_STATE_PARTIALLY_REFUNDED);
}

TEST(HttpXmlAdapter, RefundAboveTheCapturedAmountIsDeclinedThoughHttp200) {
  RunningGateway gateway;
  auto adapter = MakeAdapter(gateway.url());
  auto declined = ActAndWait(*adapter, Refund("W1000002", "idem-too-much", 99999999));
  ASSERT_FALSE(declined.ok());
  EXPECT_EQ(declined.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(declined.status().message()),
              HasSubstr("result 05 (declined): refund of 999999.99 GBP exceeds the captured"));
  // A full refund (no amount) takes what is left; then nothing is left.
  auto full = ActAndWait(*adapter, Refund("W1000002", "idem-full", 0));
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(ActAndWait(*adapter, Refund("W1000002", "idem-more", 1)).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ActAndWait(*adapter, Refund("NO-SUCH-ORDER", "idem-x", 1)).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(HttpXmlAdapter, RefundsThatCannotBeExpressedAreRefusedBeforeAnyRequest) {
  auto adapter = MakeAdapter(Healthy().url());
  EXPECT_EQ(ActAndWait(*adapter, Refund("W1000002", "", 100)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ActAndWait(*adapter, Refund("", "k", 100)).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto bad_currency = Refund("W1000002", "k", 100);
  bad_currency.amount.set_currency_code("gbp");
  EXPECT_EQ(ActAndWait(*adapter, bad_currency).status().code(), absl::StatusCode::kInvalidArgument);
  auto negative = Refund("W1000002", "k", 100);
  negative.amount.set_amount_minor(-5);
  EXPECT_EQ(ActAndWait(*adapter, negative).status().code(), absl::StatusCode::kInvalidArgument);
  auto note = Refund("W1000002", "k", 100);
  note.kind = sdk::ActionRequest::Kind::kAddNote;
  EXPECT_EQ(ActAndWait(*adapter, note).status().code(), absl::StatusCode::kUnimplemented);
}

TEST(HttpXmlAdapter, IdentityScanPagesThroughShoppersWithTheirWebShopAccount) {
  auto adapter = MakeAdapter(Healthy().url(), {{"page_size", "10"}});
  std::promise<absl::StatusOr<sdk::IdentityPage>> promise;
  adapter->ScanIdentities("", sdk::CallContext::WithTimeout(kDeadline),
                          [&](absl::StatusOr<sdk::IdentityPage> page) { promise.set_value(page); });
  auto page = promise.get_future().get();
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->accounts.size(), 10u);
  EXPECT_FALSE(page->next_cursor.empty());
  EXPECT_EQ(page->accounts.front().account_id, "6108000123");
  bool xref = false;
  for (const auto& id : page->accounts.front().identifiers) {
    xref = xref || (id.system() == "ecommerce" && id.value() == "6108000123");
  }
  EXPECT_TRUE(xref);
  std::promise<absl::StatusOr<sdk::IdentityPage>> second;
  adapter->ScanIdentities(page->next_cursor, sdk::CallContext::WithTimeout(kDeadline),
                          [&](absl::StatusOr<sdk::IdentityPage> p) { second.set_value(p); });
  auto next = second.get_future().get();
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_NE(next->accounts.front().account_id, page->accounts.front().account_id);
}

TEST(HttpXmlHostileAnswers, TruncatedBodyIsDataLoss) {
  EXPECT_EQ(FetchStatus({.fault = payment_sim::Fault::kTruncated}).code(),
            absl::StatusCode::kDataLoss);
}

TEST(HttpXmlHostileAnswers, WrongContentTypeIsDataLoss) {
  const absl::Status s = FetchStatus({.fault = payment_sim::Fault::kWrongContentType});
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(s.message()), HasSubstr("not XML"));
}

TEST(HttpXmlHostileAnswers, XmlBombAndExternalEntityAreRefusedUnexpanded) {
  for (auto fault : {payment_sim::Fault::kXmlBomb, payment_sim::Fault::kExternalEntity}) {
    const absl::Status s = FetchStatus({.fault = fault});
    EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
    EXPECT_THAT(std::string(s.message()), HasSubstr("DOCTYPE"));
    EXPECT_THAT(std::string(s.message()), ::testing::Not(HasSubstr("root:")));
  }
}

TEST(HttpXmlHostileAnswers, DeepNestingMalformedAndOversizedAreRefused) {
  EXPECT_EQ(FetchStatus({.fault = payment_sim::Fault::kDeepNesting}).code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(FetchStatus({.fault = payment_sim::Fault::kMalformed}).code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(FetchStatus({.fault = payment_sim::Fault::kOversized}).code(),
            absl::StatusCode::kResourceExhausted);
}

TEST(HttpXmlHostileAnswers, RetryableResultCodeIn200IsUnavailable) {
  const absl::Status s = FetchStatus({.fault = payment_sim::Fault::kSystemMalfunction});
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(s.message()), HasSubstr("result 96"));
}

TEST(HttpXmlHostileAnswers, RateLimitWithRetryAfterIsWaitedOut) {
  // Every second request is 429 with Retry-After: 0; the client waits it out and retries.
  EXPECT_TRUE(FetchStatus({.rate_limit_every = 2, .retry_after_s = 0}).ok());
  EXPECT_EQ(FetchStatus({.error_rate = 1}).code(), absl::StatusCode::kUnavailable);
}

TEST(HttpXmlHostileAnswers, WrongMerchantKeyIsFailedPrecondition) {
  EXPECT_EQ(FetchStatus({.api_key = "another-key"}).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(HttpXmlFactory, RefusesBadMappingsAndSettings) {
  auto config = Config(Healthy().url());
  config.settings["mapping"] = OMNIHUB_MAPPINGS_DIR "/systems/ecommerce.xml";
  config.system = "ecommerce";
  auto wrong_connector = MakeHttpXmlAdapter(config, {AdapterExecutor()});
  EXPECT_THAT(std::string(wrong_connector.status().message()), HasSubstr("not http-xml"));
  config = Config(Healthy().url());
  config.system = "psp";
  EXPECT_THAT(std::string(MakeHttpXmlAdapter(config, {AdapterExecutor()}).status().message()),
              HasSubstr("name the adapter 'payment'"));
  config = Config(Healthy().url(), {{"page_size", "0"}, {"colour", "blue"}});
  EXPECT_FALSE(MakeHttpXmlAdapter(config, {AdapterExecutor()}).ok());
  config = Config(Healthy().url());
  ::unsetenv("OMNIHUB_PAYMENT_API_KEY");
  auto no_key = MakeHttpXmlAdapter(config, {AdapterExecutor()});
  ::setenv("OMNIHUB_PAYMENT_API_KEY", kMerchantKey, 1);
  EXPECT_THAT(std::string(no_key.status().message()), HasSubstr("OMNIHUB_PAYMENT_API_KEY"));
  EXPECT_THAT(std::string(no_key.status().message()), ::testing::Not(HasSubstr(kMerchantKey)));
}

}  // namespace
}  // namespace omnihub::http_xml::testing
