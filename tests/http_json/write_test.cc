// The http-json connector's writes (Act add-note and goodwill over mappings/systems/ecommerce.xml)
// against the in-process ecommerce simulator: the note shows in the next fetch, a repeated
// idempotency key writes once, goodwill gives a discount code, hostile requests are refused before
// any I/O, and the shop's refusals (422), rate limits (429) and failures (503) become statuses.
#include <gtest/gtest.h>

#include <future>

#include "adapters/sdk/testing/conformance.h"
#include "tests/http_json/running_shop.h"

namespace omnihub::http_json::testing {
namespace {

using namespace std::chrono_literals;
using sdk::testing::FetchAndWait;

constexpr char kJane[] = "6108000123";

absl::StatusOr<sdk::ActionResponse> ActAndWait(sdk::Adapter& adapter,
                                               const sdk::ActionRequest& request) {
  std::promise<absl::StatusOr<sdk::ActionResponse>> promise;
  adapter.Act(request, sdk::CallContext::WithTimeout(5s),
              [&](absl::StatusOr<sdk::ActionResponse> response) { promise.set_value(response); });
  return promise.get_future().get();
}

sdk::ActionRequest Note(std::string text, std::string key = "") {
  sdk::ActionRequest request;
  request.kind = sdk::ActionRequest::Kind::kAddNote;
  request.account_id = kJane;
  request.text = std::move(text);
  request.agent_id = "cs7";
  request.idempotency_key = std::move(key);
  return request;
}

sdk::ActionRequest Goodwill(int64_t minor, std::string currency = "GBP", std::string key = "") {
  sdk::ActionRequest request;
  request.kind = sdk::ActionRequest::Kind::kGoodwill;
  request.account_id = kJane;
  request.order_number = "W1000002";
  request.amount.set_amount_minor(minor);
  request.amount.set_currency_code(std::move(currency));
  request.text = "late parcel";
  request.agent_id = "cs7";
  request.idempotency_key = std::move(key);
  return request;
}

std::vector<v1::Contact> Contacts(sdk::Adapter& adapter) {
  sdk::FetchRequest request;
  request.account_ids = {kJane};
  request.sections = {v1::SECTION_CONTACTS};
  auto data = FetchAndWait(adapter, request, sdk::CallContext::WithTimeout(5s));
  EXPECT_TRUE(data.ok()) << data.status();
  return data.ok() ? data->contacts : std::vector<v1::Contact>{};
}

TEST(HttpJsonWriteTest, DeclaresNotesAndGoodwillFromTheMapping) {
  RunningShop shop;
  auto adapter = MakeAdapter(shop.url());
  EXPECT_TRUE(adapter->info().capabilities.Has(sdk::Capability::kAddNote));
  EXPECT_TRUE(adapter->info().capabilities.Has(sdk::Capability::kGoodwill));
  auto refund = Goodwill(100);
  refund.kind = sdk::ActionRequest::Kind::kRefund;
  EXPECT_EQ(ActAndWait(*adapter, refund).status().code(), absl::StatusCode::kUnimplemented);
}

TEST(HttpJsonWriteTest, AddedNoteAppearsInTheNextFetchOfContacts) {
  RunningShop shop;
  auto adapter = MakeAdapter(shop.url());
  const size_t before = Contacts(*adapter).size();
  const std::string text = "Rang about the \"late\" parcel — offered £5\nsee W1000002 \\ {text}";
  auto done = ActAndWait(*adapter, Note(text, "note-key-1"));
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_FALSE(done->reference.empty());
  EXPECT_NE(done->detail.find(kJane), std::string::npos) << done->detail;
  EXPECT_EQ(done->detail.find("replayed"), std::string::npos) << done->detail;
  const auto contacts = Contacts(*adapter);
  ASSERT_EQ(contacts.size(), before + 1);
  const auto it = std::find_if(contacts.begin(), contacts.end(), [&](const v1::Contact& c) {
    return c.contact_id() == done->reference;
  });
  ASSERT_NE(it, contacts.end());
  EXPECT_EQ(it->summary(), text);  // byte for byte: quotes, backslash, line break, braces, £
  EXPECT_EQ(it->direction(), v1::CONTACT_DIRECTION_OUTBOUND);
  EXPECT_EQ(contacts.front().contact_id(), done->reference);  // the newest
}

TEST(HttpJsonWriteTest, RepeatedIdempotencyKeyAddsTheNoteOnce) {
  RunningShop shop;
  auto adapter = MakeAdapter(shop.url());
  const size_t before = Contacts(*adapter).size();
  auto first = ActAndWait(*adapter, Note("Called back", "note-key-2"));
  auto again = ActAndWait(*adapter, Note("Called back", "note-key-2"));
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->reference, first->reference);
  EXPECT_NE(again->detail.find("replayed"), std::string::npos) << again->detail;
  EXPECT_EQ(Contacts(*adapter).size(), before + 1);
  // The same key with another text is a conflict the shop refuses: not retryable.
  auto other = ActAndWait(*adapter, Note("Something else", "note-key-2"));
  EXPECT_EQ(other.status().code(), absl::StatusCode::kFailedPrecondition) << other.status();
  EXPECT_NE(other.status().message().find("already used"), std::string::npos) << other.status();
  // Without a key, two requests are two notes.
  ASSERT_TRUE(ActAndWait(*adapter, Note("No key")).ok());
  ASSERT_TRUE(ActAndWait(*adapter, Note("No key")).ok());
  EXPECT_EQ(Contacts(*adapter).size(), before + 3);
}

TEST(HttpJsonWriteTest, GoodwillCreatesADiscountCode) {
  RunningShop shop;
  auto adapter = MakeAdapter(shop.url());
  auto code = ActAndWait(*adapter, Goodwill(500, "GBP", "gw-key-1"));
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(code->reference.rfind("GW-", 0), 0u) << code->reference;
  EXPECT_EQ(code->detail, "5.00 GBP");
  auto repeat = ActAndWait(*adapter, Goodwill(500, "GBP", "gw-key-1"));
  ASSERT_TRUE(repeat.ok()) << repeat.status();
  EXPECT_EQ(repeat->reference, code->reference);
  EXPECT_NE(repeat->detail.find("replayed"), std::string::npos);
  auto second = ActAndWait(*adapter, Goodwill(250, "GBP", "gw-key-2"));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_NE(second->reference, code->reference);
}

TEST(HttpJsonWriteTest, HostileRequestsAreRefusedBeforeAnyRequest) {
  std::string url;
  {
    RunningShop gone;  // nothing listens there any more: a request sent would be UNAVAILABLE
    url = gone.url();
  }
  auto adapter = MakeAdapter(url);
  std::vector<sdk::ActionRequest> bad;
  bad.push_back(Note(std::string(5001, 'x')));
  bad.push_back(Note(""));
  bad.push_back(Note("   \n\t "));
  bad.push_back(Note("bell\x07"));
  bad.push_back(Note("bad utf-8 \xff\xfe"));
  bad.push_back(Note("ok", "key with spaces"));
  bad.push_back(Note("ok", std::string(256, 'k')));
  bad.push_back(Note("ok", "key\r\nX-Injected: 1"));
  auto no_account = Note("ok");
  no_account.account_id = "";
  bad.push_back(no_account);
  auto control_account = Note("ok");
  control_account.account_id = "61080\n00123";
  bad.push_back(control_account);
  auto long_agent = Note("ok");
  long_agent.agent_id = std::string(101, 'a');
  bad.push_back(long_agent);
  auto control_order = Note("ok");
  control_order.order_number = "W1\r\n";
  bad.push_back(control_order);
  bad.push_back(Goodwill(0));
  bad.push_back(Goodwill(-500));
  bad.push_back(Goodwill(100'000'001));
  bad.push_back(Goodwill(500, "gbp"));
  bad.push_back(Goodwill(500, ""));
  auto long_reason = Goodwill(500);
  long_reason.text = std::string(501, 'r');
  bad.push_back(long_reason);
  auto no_reason = Goodwill(500);
  no_reason.text = "";
  bad.push_back(no_reason);
  for (size_t i = 0; i < bad.size(); ++i) {
    auto result = ActAndWait(*adapter, bad[i]);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument)
        << "case " << i << ": " << result.status();
    EXPECT_EQ(result.status().message().find("\xff"), std::string::npos);
  }
}

TEST(HttpJsonWriteTest, ShopRefusalsAreInvalidArgumentsWithTheShopsMessage) {
  RunningShop shop;
  auto adapter = MakeAdapter(shop.url());
  auto euros = ActAndWait(*adapter, Goodwill(500, "EUR"));
  EXPECT_EQ(euros.status().code(), absl::StatusCode::kInvalidArgument) << euros.status();
  EXPECT_NE(euros.status().message().find("422"), std::string::npos) << euros.status();
  EXPECT_NE(euros.status().message().find("currency the shop sells in GBP only"), std::string::npos)
      << euros.status();
  auto too_much = ActAndWait(*adapter, Goodwill(100'001));  // the shop's limit is £1,000
  EXPECT_EQ(too_much.status().code(), absl::StatusCode::kInvalidArgument) << too_much.status();
  EXPECT_NE(too_much.status().message().find("amount_minor"), std::string::npos);
  auto foreign = Note("about someone else's order");
  foreign.order_number = "W9999999";
  auto refused = ActAndWait(*adapter, foreign);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << refused.status();
  EXPECT_NE(refused.status().message().find("order_number is not an order of this customer"),
            std::string::npos)
      << refused.status();
  auto unknown = Note("who?");
  unknown.account_id = "999";
  EXPECT_EQ(ActAndWait(*adapter, unknown).status().code(), absl::StatusCode::kNotFound);
}

TEST(HttpJsonWriteTest, RateLimitBeyondTheDeadlineIsUnavailableAndNotPerformed) {
  ecommerce_sim::ApiOptions options;
  options.rate_limit_every = 1;
  options.retry_after_s = 3600;  // longer than any deadline: the client does not wait
  RunningShop shop(options);
  auto adapter = MakeAdapter(shop.url());
  auto limited = ActAndWait(*adapter, Note("later", "rate-key"));
  EXPECT_EQ(limited.status().code(), absl::StatusCode::kUnavailable) << limited.status();
  EXPECT_NE(limited.status().message().find("429"), std::string::npos) << limited.status();
  EXPECT_NE(limited.status().message().find("not performed; retry after 3600 s"), std::string::npos)
      << limited.status();
}

TEST(HttpJsonWriteTest, ShopFailureIsUnavailableSayingWhetherARetryIsSafe) {
  ecommerce_sim::ApiOptions options;
  options.error_rate = 1.0;
  RunningShop shop(options);
  auto adapter = MakeAdapter(shop.url());
  auto keyed = ActAndWait(*adapter, Goodwill(500, "GBP", "gw-503"));
  EXPECT_EQ(keyed.status().code(), absl::StatusCode::kUnavailable) << keyed.status();
  EXPECT_NE(keyed.status().message().find("503"), std::string::npos) << keyed.status();
  EXPECT_NE(keyed.status().message().find("safe to retry with the same idempotency key"),
            std::string::npos)
      << keyed.status();
  auto unkeyed = ActAndWait(*adapter, Note("no key"));
  EXPECT_EQ(unkeyed.status().code(), absl::StatusCode::kUnavailable) << unkeyed.status();
  EXPECT_NE(unkeyed.status().message().find("may have been done"), std::string::npos)
      << unkeyed.status();
}

}  // namespace
}  // namespace omnihub::http_json::testing
