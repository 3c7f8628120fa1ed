// ShopApi without sockets: the shapes the mapping reads, pagination, validation of hostile
// requests, idempotent writes, switchable faults.
#include "tools/simulators/ecommerce/api.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/ecommerce_sim/api_requests.h"

namespace omnihub::ecommerce_sim {
namespace {

using nlohmann::json;
using namespace api_testing;

class ShopApiTest : public ::testing::Test {
 protected:
  ShopApi api_{MakeShop(), {}};
};

TEST_F(ShopApiTest, DemoCustomerAsTheMappingReadsHer) {
  auto response = api_.Handle(Get("/admin/customers/6108000123.json"));
  ASSERT_EQ(response.status, 200) << response.body;
  const json customer = Body(response)["customer"];
  EXPECT_EQ(customer["id"], "6108000123");
  EXPECT_EQ(customer["email"], "Jane.Doe@Example.com");
  EXPECT_EQ(customer["phone"], "07700 900123");
  EXPECT_EQ(customer["twitter_handle"], "@JaneDoe");
  EXPECT_EQ(customer["first_name"], "Jane");
  EXPECT_EQ(HeaderOf(response, "Content-Type"), "application/json; charset=utf-8");
}

TEST_F(ShopApiTest, OrdersNewestFirstWithLinesTrackingFulfillmentsAndNotes) {
  auto response = api_.Handle(Get("/admin/customers/6108000123/orders.json"));
  ASSERT_EQ(response.status, 200) << response.body;
  const json orders = Body(response)["orders"];
  ASSERT_EQ(orders.size(), 3u);
  EXPECT_EQ(orders[0]["order_number"], "W1000002");
  EXPECT_GE(orders[0]["created_at"].get<std::string>(), orders[1]["created_at"].get<std::string>());
  EXPECT_FALSE(orders[0]["lines"].empty());
  EXPECT_TRUE(orders[0]["tracking"].is_object());
  EXPECT_EQ(orders[0]["fulfillments"][0]["tracking_number"], orders[0]["tracking"]["number"]);
  EXPECT_FALSE(orders[0]["notes"].empty());
  EXPECT_FALSE(HeaderOf(response, "Link").has_value());
}

TEST_F(ShopApiTest, CursorPaginationFollowsLinkHeadersToTheEnd) {
  std::set<std::string> seen;
  std::string target = "/admin/customers.json?limit=40";
  int pages = 0;
  while (!target.empty()) {
    auto response = api_.Handle(Get(target));
    ASSERT_EQ(response.status, 200) << target << ": " << response.body;
    const json body = Body(response);
    for (const auto& customer : body["customers"]) {
      EXPECT_TRUE(seen.insert(customer["id"].get<std::string>()).second) << "repeated";
    }
    target.clear();
    if (auto link = HeaderOf(response, "Link")) {
      const std::string prefix = "<http://shop.test:8081";
      ASSERT_EQ(link->rfind(prefix, 0), 0u) << *link;
      ASSERT_NE(link->find(">; rel=\"next\""), std::string::npos) << *link;
      target = link->substr(prefix.size(), link->find('>') - prefix.size());
    }
    ASSERT_LT(++pages, 100);
  }
  EXPECT_EQ(seen.size(), MakeShop()->customer_count());
  EXPECT_GT(pages, 1);
}

TEST_F(ShopApiTest, LimitIsValidatedAndCapped) {
  for (const char* bad : {"0", "-1", "abc", "", "1e3", "99999999999"}) {
    auto response = api_.Handle(Get(std::string("/admin/customers.json?limit=") + bad));
    EXPECT_EQ(response.status, 400) << bad;
    EXPECT_TRUE(Body(response)["errors"].contains("limit")) << response.body;
  }
  auto capped = api_.Handle(Get("/admin/customers.json?limit=100000"));
  ASSERT_EQ(capped.status, 200);
  EXPECT_EQ(Body(capped)["customers"].size(), std::min<size_t>(250, MakeShop()->customer_count()));
}

TEST_F(ShopApiTest, ForgedCursorsAreRefused) {
  for (const char* bad : {"x", "c", "c0", "cffffffff", "c1%00", "czz", "../etc"}) {
    auto response = api_.Handle(Get(std::string("/admin/customers.json?page_info=") + bad));
    EXPECT_EQ(response.status, 400) << bad << ": " << response.body;
  }
}

TEST_F(ShopApiTest, HostileIdsAndPathsGiveJsonErrors) {
  for (const char* target :
       {"/admin/customers/abc.json", "/admin/customers/1%27%20OR%201=1.json",
        "/admin/customers/%FF%FE.json", "/admin/customers/12345678901234567890.json",
        "/admin/customers/.json", "/admin/customers/6108000123/orders.json/../../x"}) {
    auto response = api_.Handle(Get(target));
    EXPECT_TRUE(response.status == 400 || response.status == 404) << target;
    EXPECT_NO_THROW(Body(response)) << target << ": " << response.body;
    EXPECT_TRUE(Body(response).contains("errors")) << target;
  }
  EXPECT_EQ(api_.Handle(Get("/admin/customers/%zz.json")).status, 400);
  EXPECT_EQ(api_.Handle(Get("no-slash")).status, 400);
  auto missing = api_.Handle(Get("/admin/customers/1.json"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Body(missing)["errors"], "Not Found");
  EXPECT_EQ(api_.Handle(Get("/admin/products.json")).status, 404);
}

TEST_F(ShopApiTest, WrongMethodIs405WithAllow) {
  auto response = api_.Handle(Post("/admin/customers/6108000123.json", "{}"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(HeaderOf(response, "Allow"), "GET, PUT");
  auto codes = api_.Handle(Get("/admin/customers/6108000123/discount_codes.json"));
  EXPECT_EQ(codes.status, 405);
  EXPECT_EQ(HeaderOf(codes, "Allow"), "POST");
}

TEST_F(ShopApiTest, SearchByEmailInAnyCaseAndPhoneInAnyFormat) {
  for (const char* target : {"/admin/customers/search.json?email=JANE.DOE%40example.com",
                             "/admin/customers/search.json?query=email:jane.doe@EXAMPLE.com",
                             "/admin/customers/search.json?phone=%2B44%20(0)7700%20900123",
                             "/admin/customers/search.json?query=phone:00447700900123"}) {
    auto response = api_.Handle(Get(target));
    ASSERT_EQ(response.status, 200) << target << ": " << response.body;
    const json customers = Body(response)["customers"];
    ASSERT_EQ(customers.size(), 1u) << target;
    EXPECT_EQ(customers[0]["id"], "6108000123");
  }
  EXPECT_EQ(api_.Handle(Get("/admin/customers/search.json")).status, 400);
  EXPECT_EQ(api_.Handle(Get("/admin/customers/search.json?query=name:x")).status, 400);
  auto none = api_.Handle(Get("/admin/customers/search.json?email=nobody@nowhere.test"));
  EXPECT_EQ(Body(none)["customers"].size(), 0u);
}

TEST_F(ShopApiTest, AddedNoteAppearsInNotesAndOnTheOrder) {
  auto created = api_.Handle(Post("/admin/customers/6108000123/notes.json",
                                  R"({"note":{"body":"Called about delay","author":"support:cs7",
                                     "order_number":"W1000002"}})"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = Body(created)["note"]["id"];
  auto notes = Body(api_.Handle(Get("/admin/customers/6108000123/notes.json")))["notes"];
  EXPECT_EQ(notes[0]["id"], id);  // newest first
  EXPECT_EQ(notes[0]["order_number"], "W1000002");
  auto orders = Body(api_.Handle(Get("/admin/customers/6108000123/orders.json")))["orders"];
  EXPECT_EQ(orders[0]["notes"].back()["body"], "Called about delay");
}

TEST_F(ShopApiTest, BadWritesAreRefusedNamingTheField) {
  const std::string notes = "/admin/customers/6108000123/notes.json";
  const std::string codes = "/admin/customers/6108000123/discount_codes.json";
  struct Case {
    std::string target, body;
    int status;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{
           {notes, "not json", 400, ""},
           {notes, "[1,2]", 400, "note"},
           {notes, R"({"note":{"body":"   "}})", 422, "body"},
           {notes, R"({"note":{"body":7}})", 422, "body"},
           {notes, R"({"note":{"body":"x","order_number":"W999"}})", 422, "order_number"},
           {notes, "{\"note\":{\"body\":\"\xff\"}}", 400, ""},
           {codes, R"({"discount_code":{"amount_minor":0,"reason":"x"}})", 422, "amount_minor"},
           {codes, R"({"discount_code":{"amount_minor":1.5,"reason":"x"}})", 422, "amount_minor"},
           {codes, R"({"discount_code":{"amount_minor":500,"reason":"x","currency":"USD"}})", 422,
            "currency"},
           {codes, R"({"discount_code":{"amount_minor":500}})", 422, "reason"},
       }) {
    auto response = api_.Handle(Post(c.target, c.body));
    EXPECT_EQ(response.status, c.status) << c.body << ": " << response.body;
    if (!c.field.empty()) {
      EXPECT_TRUE(Body(response)["errors"].contains(c.field)) << response.body;
    }
  }
  ApiRequest text = Get(notes);
  text.method = "POST";
  text.body = R"({"note":{"body":"x"}})";
  text.headers.emplace_back("Content-Type", "text/plain");
  EXPECT_EQ(api_.Handle(text).status, 415);
  EXPECT_EQ(api_.Handle(Post("/admin/customers/1/notes.json", R"({"note":{"body":"x"}})")).status,
            404);
}

TEST_F(ShopApiTest, IdempotencyKeyReplaysTheOriginalResponse) {
  const std::string codes = "/admin/customers/6108000123/discount_codes.json";
  const std::string body =
      R"({"discount_code":{"amount_minor":500,"currency":"GBP","reason":"late delivery"}})";
  auto first = api_.Handle(Post(codes, body, "goodwill-1"));
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = api_.Handle(Post(codes, body, "goodwill-1"));
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(HeaderOf(again, "Idempotent-Replayed"), "true");
  auto other = api_.Handle(Post(codes, body, "goodwill-2"));
  EXPECT_NE(Body(other)["discount_code"]["code"], Body(first)["discount_code"]["code"]);
  auto misuse = api_.Handle(
      Post(codes, R"({"discount_code":{"amount_minor":900,"reason":"x"}})", "goodwill-1"));
  EXPECT_EQ(misuse.status, 422);
  EXPECT_EQ(api_.Handle(Post(codes, body, std::string(300, 'k'))).status, 400);
}

TEST(ShopApiFaultsTest, ApiKeyIsRequiredWhenConfigured) {
  ShopApi api(MakeShop(), {.api_key = "s3cret"});
  EXPECT_EQ(api.Handle(Get("/admin/customers/6108000123.json")).status, 401);
  ApiRequest wrong = Get("/admin/customers/6108000123.json");
  wrong.headers.emplace_back("X-Api-Key", "guess");
  EXPECT_EQ(api.Handle(wrong).status, 401);
  ApiRequest right = Get("/admin/customers/6108000123.json");
  right.headers.emplace_back("x-api-key", "s3cret");
  EXPECT_EQ(api.Handle(right).status, 200);
}

TEST(ShopApiFaultsTest, EveryNthRequestIsRateLimitedWithRetryAfter) {
  ApiOptions options;
  options.rate_limit_every = 3;
  options.retry_after_s = 2;
  ShopApi api(MakeShop(), options);
  std::vector<int> statuses;
  for (int i = 0; i < 6; ++i) {
    auto response = api.Handle(Get("/admin/customers/6108000123.json"));
    statuses.push_back(response.status);
    if (response.status == 429) {
      EXPECT_EQ(HeaderOf(response, "Retry-After"), "2");
    }
  }
  EXPECT_EQ(statuses, (std::vector<int>{200, 200, 429, 200, 200, 429}));
}

TEST(ShopApiFaultsTest, RateLimitCountsEachPathApartWhateverItsQuery) {
  ApiOptions options;
  options.rate_limit_every = 2;
  options.retry_after_s = 0;
  ShopApi api(MakeShop(), options);
  const std::string orders = "/admin/customers/6108000123/orders.json";
  std::vector<int> statuses;
  for (const std::string& target :
       {orders + "?limit=5", std::string("/admin/customers/6108000123.json"), orders,
        orders + "?limit=1", std::string("/admin/customers/6108000123.json")}) {
    statuses.push_back(api.Handle(Get(target)).status);
  }
  EXPECT_EQ(statuses, (std::vector<int>{200, 200, 429, 200, 429}));
}

TEST(ShopApiFaultsTest, ErrorAndGarbageRates) {
  ApiOptions fail_all;
  fail_all.error_rate = 1;
  ShopApi failing(MakeShop(), fail_all);
  auto failed = failing.Handle(Get("/admin/customers/6108000123.json"));
  EXPECT_EQ(failed.status, 503);
  EXPECT_TRUE(Body(failed).contains("errors"));
  ApiOptions garbage_all;
  garbage_all.garbage_rate = 1;
  ShopApi garbage(MakeShop(), garbage_all);
  auto cut = garbage.Handle(Get("/admin/customers/6108000123.json"));
  EXPECT_EQ(cut.status, 200);
  EXPECT_TRUE(json::parse(cut.body, nullptr, false).is_discarded()) << cut.body;
}

}  // namespace
}  // namespace omnihub::ecommerce_sim
