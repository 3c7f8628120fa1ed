// The reference adapter's slices: Jane Doe's data as each system holds it, sections and filters,
// identity scans, and the asynchronous contract.
#include "adapters/reference/reference_adapter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <set>
#include <thread>

#include "adapters/reference/world_cache.h"
#include "adapters/sdk/testing/conformance.h"
#include "tests/reference/test_io.h"

namespace omnihub::reference::testing {
namespace {

using sdk::testing::FetchAndWait;
using std::chrono::milliseconds;

const std::vector<v1::Section> kAllSections = {v1::SECTION_PROFILE, v1::SECTION_ORDERS,
                                               v1::SECTION_CONTACTS, v1::SECTION_PAYMENTS,
                                               v1::SECTION_LOYALTY};

absl::StatusOr<sdk::SourceData> Fetch(sdk::Adapter& adapter, std::string account,
                                      std::vector<v1::Section> sections = kAllSections,
                                      int recent_limit = 20, std::string order_number = {}) {
  sdk::FetchRequest request;
  request.account_ids = {std::move(account)};
  request.sections = std::move(sections);
  request.recent_limit = recent_limit;
  request.order_number = std::move(order_number);
  return FetchAndWait(adapter, request, sdk::CallContext::WithTimeout(std::chrono::seconds(5)));
}

bool HasIdentifier(const std::vector<v1::Identifier>& identifiers, v1::IdentifierType type,
                   const std::string& value, const std::string& system = {}) {
  return std::any_of(identifiers.begin(), identifiers.end(), [&](const v1::Identifier& id) {
    return id.type() == type && id.value() == value && id.system() == system;
  });
}

TEST(ReferenceAdapterTest, MainframeJane) {
  auto adapter = MakeAdapter("mainframe");
  auto data = Fetch(*adapter, "00104217");
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_TRUE(data->profile);
  EXPECT_EQ(data->profile->display_name(), "DOE JANE");
  EXPECT_EQ(data->profile->address().lines(0), "12 HIGH ST");
  EXPECT_EQ(data->profile->address().postal_code(), "LS1 4AB");
  ASSERT_TRUE(data->loyalty);
  EXPECT_EQ(data->loyalty->store_card().status(), "ACTIVE");
  EXPECT_EQ(data->loyalty->store_card().balance().amount_minor(), 12345);
  EXPECT_EQ(data->loyalty->store_card().account_number(), "7002000000000003");
  ASSERT_EQ(data->contacts.size(), 5u);
  for (const auto& contact : data->contacts) {
    EXPECT_EQ(contact.channel(), v1::CONTACT_CHANNEL_PHONE);
    EXPECT_EQ(contact.source_system(), "mainframe");
  }
  EXPECT_GT(data->contacts[0].occurred_at().seconds(), data->contacts[1].occurred_at().seconds());
  EXPECT_TRUE(data->orders.empty());
  EXPECT_TRUE(data->payments.empty());
}

TEST(ReferenceAdapterTest, ErpJane) {
  auto adapter = MakeAdapter("erp");
  auto data = Fetch(*adapter, "C0100001");
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_TRUE(data->profile);
  EXPECT_EQ(data->profile->email(), "jane.doe@example.com");
  EXPECT_TRUE(
      HasIdentifier({data->profile->identifiers().begin(), data->profile->identifiers().end()},
                    v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "00104217", "mainframe"));
  ASSERT_TRUE(data->loyalty);
  EXPECT_EQ(data->loyalty->card_number(), "6335000000000003");
  EXPECT_EQ(data->loyalty->tier(), "GOLD");
  ASSERT_EQ(data->orders.size(), 4u);
  bool delayed = false;
  for (const auto& order : data->orders) {
    EXPECT_EQ(order.order_id(), "erp:" + order.order_number());
    EXPECT_EQ(order.seen_in_size(), 1);
    EXPECT_FALSE(order.invoices().empty());
    for (const auto& shipment : order.shipments()) {
      if (shipment.status() == v1::SHIPMENT_STATUS_DELAYED) {
        delayed = true;
        EXPECT_EQ(order.order_number(), "W1000002");
        EXPECT_TRUE(shipment.has_promised_at());
        EXPECT_FALSE(shipment.has_delivered_at());
      }
    }
  }
  EXPECT_TRUE(delayed);
  EXPECT_EQ(data->orders.front().order_number(), "W1000002");  // newest first
  auto returned = std::find_if(data->orders.begin(), data->orders.end(),
                               [](const auto& o) { return o.order_number() == "W1000003"; });
  ASSERT_NE(returned, data->orders.end());
  EXPECT_EQ(returned->status(), v1::ORDER_STATUS_PARTIALLY_RETURNED);
}

TEST(ReferenceAdapterTest, EcommerceJaneKeepsTheWebShopsNoise) {
  auto adapter = MakeAdapter("ecommerce");
  auto data = Fetch(*adapter, "6108000123");
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_TRUE(data->profile);
  EXPECT_EQ(data->profile->email(), "Jane.Doe@Example.com");
  EXPECT_EQ(data->profile->phone(), "07700 900123");
  EXPECT_EQ(data->orders.size(), 3u);
  for (const auto& order : data->orders) {
    EXPECT_EQ(order.channel(), v1::CHANNEL_WEB);
    EXPECT_EQ(order.shipments_size(), 1);
  }
  ASSERT_FALSE(data->contacts.empty());
  for (const auto& contact : data->contacts) {
    EXPECT_EQ(contact.channel(), v1::CONTACT_CHANNEL_EMAIL);
  }
}

TEST(ReferenceAdapterTest, PaymentJane) {
  auto adapter = MakeAdapter("payment");
  auto data = Fetch(*adapter, "6108000123");
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_FALSE(data->profile);
  ASSERT_EQ(data->payments.size(), 3u);
  bool partial_refund = false, review = false;
  for (const auto& payment : data->payments) {
    partial_refund = partial_refund || payment.state() == v1::PAYMENT_STATE_PARTIALLY_REFUNDED;
    review = review || payment.fraud().decision() == v1::FRAUD_DECISION_REVIEW ||
             payment.fraud().decision() == v1::FRAUD_DECISION_HOLD;
  }
  EXPECT_TRUE(partial_refund);
  EXPECT_TRUE(review);
  auto one = Fetch(*adapter, "6108000123", {v1::SECTION_PAYMENTS}, 20, "W1000003");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->payments.size(), 1u);
  EXPECT_EQ(one->payments[0].refunded().amount_minor(), 8900);
}

TEST(ReferenceAdapterTest, PosJaneWithBothReturnStyles) {
  auto adapter = MakeAdapter("pos");
  auto data = Fetch(*adapter, "6335000000000003");
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->orders.size(), 4u);
  size_t with_returned_lines = 0;
  for (const auto& order : data->orders) {
    EXPECT_EQ(order.channel(), v1::CHANNEL_STORE);
    EXPECT_EQ(order.status(), v1::ORDER_STATUS_COMPLETED);
    EXPECT_EQ(order.store_id(), "S042");
    EXPECT_EQ(order.register_id(), "R03");
    for (const auto& line : order.lines()) {
      if (line.quantity() < 0) {
        EXPECT_LT(line.line_total().amount_minor(), 0);
        ++with_returned_lines;
      }
    }
  }
  EXPECT_EQ(with_returned_lines, 2u);  // one RETURN line, one negative-quantity SALE
  ASSERT_EQ(data->contacts.size(), 2u);
  for (const auto& contact : data->contacts) {
    EXPECT_EQ(contact.channel(), v1::CONTACT_CHANNEL_STORE);
  }
}

TEST(ReferenceAdapterTest, HonoursSectionsLimitAndOrderFilter) {
  auto adapter = MakeAdapter("erp");
  auto profile_only = Fetch(*adapter, "C0100001", {v1::SECTION_PROFILE});
  ASSERT_TRUE(profile_only.ok());
  EXPECT_TRUE(profile_only->profile);
  EXPECT_TRUE(profile_only->orders.empty());
  EXPECT_FALSE(profile_only->loyalty);

  auto recent = Fetch(*adapter, "C0100001", {v1::SECTION_ORDERS}, 2);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->orders.size(), 2u);
  EXPECT_GE(recent->orders[0].placed_at().seconds(), recent->orders[1].placed_at().seconds());

  auto one = Fetch(*adapter, "C0100001", {v1::SECTION_ORDERS}, 20, "P1000001");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->orders.size(), 1u);
  EXPECT_EQ(one->orders[0].channel(), v1::CHANNEL_PHONE);

  // Undeclared sections are ignored.
  auto payments = Fetch(*adapter, "C0100001", {v1::SECTION_PAYMENTS});
  ASSERT_TRUE(payments.ok());
  EXPECT_TRUE(payments->payments.empty());
}

TEST(ReferenceAdapterTest, IdentityScanPagesThroughEveryAccount) {
  auto world = SharedWorld(42, 1000);
  const std::map<std::string, size_t> expected = {{"mainframe", world->mainframe_accounts.size()},
                                                  {"erp", world->erp_customers.size()},
                                                  {"ecommerce", world->ecom_customers.size()}};
  for (const std::string slice : {"mainframe", "erp", "ecommerce", "payment", "pos"}) {
    auto adapter = MakeAdapter(slice);
    std::set<std::string> seen;
    std::string cursor;
    int pages = 0;
    do {
      auto page = ScanAndWait(*adapter, cursor);
      ASSERT_TRUE(page.ok()) << slice << ": " << page.status();
      ASSERT_LE(page->accounts.size(), ReferenceAdapter::kScanPageSize);
      for (const auto& account : page->accounts) {
        EXPECT_TRUE(seen.insert(account.account_id).second) << account.account_id;
        EXPECT_TRUE(HasIdentifier(account.identifiers, v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER,
                                  account.account_id, slice))
            << slice << " " << account.account_id;
      }
      cursor = page->next_cursor;
      ++pages;
    } while (!cursor.empty() && pages < 100);
    EXPECT_TRUE(cursor.empty());
    if (expected.contains(slice)) {
      EXPECT_EQ(seen.size(), expected.at(slice)) << slice;
    }
    EXPECT_GT(seen.size(), 100u) << slice;
  }
}

TEST(ReferenceAdapterTest, IdentitiesCarryCrossReferencesAndEvidence) {
  auto first_page = [](const std::string& slice) {
    auto adapter = MakeAdapter(slice);
    auto page = ScanAndWait(*adapter, "");
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->accounts.front() : sdk::AccountIdentity{};
  };
  auto erp = first_page("erp");
  EXPECT_EQ(erp.account_id, "C0100001");
  EXPECT_TRUE(
      HasIdentifier(erp.identifiers, v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "00104217", "mainframe"));
  EXPECT_TRUE(HasIdentifier(erp.identifiers, v1::IDENTIFIER_TYPE_EMAIL, "jane.doe@example.com"));
  EXPECT_TRUE(HasIdentifier(erp.identifiers, v1::IDENTIFIER_TYPE_LOYALTY_CARD, "6335000000000003"));
  EXPECT_EQ(erp.display_name, "Jane Doe");
  EXPECT_EQ(erp.postal_code, "LS1 4AB");
  auto mainframe = first_page("mainframe");
  EXPECT_TRUE(HasIdentifier(mainframe.identifiers, v1::IDENTIFIER_TYPE_POSTAL_ADDRESS,
                            "12 HIGH ST, LEEDS, LS1 4AB"));
  EXPECT_EQ(mainframe.display_name, "DOE JANE");
  auto ecommerce = first_page("ecommerce");
  EXPECT_TRUE(
      HasIdentifier(ecommerce.identifiers, v1::IDENTIFIER_TYPE_EMAIL, "Jane.Doe@Example.com"));
  EXPECT_TRUE(HasIdentifier(ecommerce.identifiers, v1::IDENTIFIER_TYPE_TWITTER_HANDLE, "@JaneDoe"));
  EXPECT_TRUE(HasIdentifier(ecommerce.identifiers, v1::IDENTIFIER_TYPE_PHONE, "07700 900123"));
  auto payment = first_page("payment");
  EXPECT_TRUE(HasIdentifier(payment.identifiers, v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "6108000123",
                            "ecommerce"));
  auto pos = first_page("pos");
  EXPECT_TRUE(HasIdentifier(pos.identifiers, v1::IDENTIFIER_TYPE_LOYALTY_CARD, "6335000000000003"));
}

TEST(ReferenceAdapterTest, BadCursorIsInvalidArgument) {
  auto adapter = MakeAdapter("erp");
  for (const std::string cursor : {"abc", "-1", "12x", "99999999999999999999999", "999999"}) {
    EXPECT_EQ(ScanAndWait(*adapter, cursor).status().code(), absl::StatusCode::kInvalidArgument)
        << cursor;
  }
  auto end = ScanAndWait(*adapter, std::to_string(SharedWorld(42, 1000)->erp_customers.size()));
  ASSERT_TRUE(end.ok());
  EXPECT_TRUE(end->accounts.empty());
  EXPECT_TRUE(end->next_cursor.empty());
}

TEST(ReferenceAdapterTest, RepeatedAccountIdsAddRecordsOnce) {
  auto adapter = MakeAdapter("erp");
  sdk::FetchRequest request;
  request.account_ids = {"C0100001", "C0100001", "C9999999"};
  request.sections = {v1::SECTION_ORDERS};
  auto data =
      FetchAndWait(*adapter, request, sdk::CallContext::WithTimeout(std::chrono::seconds(5)));
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->orders.size(), 4u);
}

TEST(ReferenceAdapterTest, FiveAdaptersShareOneWorld) {
  EXPECT_EQ(SharedWorld(42, 1000).get(), SharedWorld(42, 1000).get());
  EXPECT_NE(SharedWorld(42, 1000).get(), SharedWorld(43, 1000).get());
}

TEST(ReferenceAdapterTest, AdapterMayBeDestroyedWhileACallIsPending) {
  auto adapter = MakeAdapter("erp", {{"latency_ms", "5000"}});
  auto context = sdk::CallContext::WithTimeout(std::chrono::seconds(30));
  std::promise<absl::Status> promise;
  std::atomic<int> calls{0};
  sdk::FetchRequest request;
  request.account_ids = {"C0100001"};
  request.sections = {v1::SECTION_PROFILE};
  adapter->Fetch(request, context, [&](absl::StatusOr<sdk::SourceData> result) {
    if (calls.fetch_add(1) == 0) promise.set_value(result.status());
  });
  adapter.reset();
  context->Cancel();
  auto future = promise.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(2)), std::future_status::ready);
  EXPECT_EQ(future.get().code(), absl::StatusCode::kCancelled);
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_EQ(calls.load(), 1);
}

TEST(ReferenceAdapterTest, JitterStaysWithinBounds) {
  auto adapter = MakeAdapter("erp", {{"latency_ms", "5"}, {"jitter_ms", "20"}});
  for (int i = 0; i < 5; ++i) {
    auto started = sdk::Clock::now();
    ASSERT_TRUE(Fetch(*adapter, "C0100001", {v1::SECTION_PROFILE}).ok());
    auto elapsed = sdk::Clock::now() - started;
    EXPECT_GE(elapsed, milliseconds(5));
    EXPECT_LT(elapsed, milliseconds(1000));
  }
}

}  // namespace
}  // namespace omnihub::reference::testing
