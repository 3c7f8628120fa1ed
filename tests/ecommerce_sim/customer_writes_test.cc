// ShopApi's customer writes without sockets: POST /admin/customers.json creates a customer with an
// id outside the generated population, PUT /admin/customers/{id}.json changes one; both are
// announced through on_customer_changed; hostile bodies are refused with the field named.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/ecommerce_sim/api_requests.h"
#include "tools/simulators/ecommerce/api.h"

namespace omnihub::ecommerce_sim {
namespace {

using nlohmann::json;
using namespace api_testing;

struct Announced {
  std::string id;
  std::string email;
  bool created = false;
};

class CustomerWritesTest : public ::testing::Test {
 protected:
  CustomerWritesTest() : shop_(MakeShop()), api_(shop_, Announcing()) {}

  ApiOptions Announcing() {
    ApiOptions options;
    options.on_customer_changed = [this](const world::EcomCustomer& customer, bool created) {
      announced_.push_back({customer.id, customer.email, created});
    };
    return options;
  }

  ApiResponse Create(const json& fields) {
    return api_.Handle(Post("/admin/customers.json", json{{"customer", fields}}.dump()));
  }

  std::vector<Announced> announced_;
  std::shared_ptr<Shop> shop_;
  ShopApi api_;
};

TEST_F(CustomerWritesTest, CreatedCustomerGetsAFreshIdIsFoundAndAnnounced) {
  auto response = Create({{"email", " New.Person@Example.org "},
                          {"phone", "07700 900999"},
                          {"first_name", "New"},
                          {"last_name", "Person"},
                          {"twitter_handle", "@newperson"}});
  ASSERT_EQ(response.status, 201) << response.body;
  const json customer = Body(response)["customer"];
  const std::string id = customer["id"];
  EXPECT_EQ(customer["email"], "New.Person@Example.org");
  EXPECT_EQ(customer["orders_count"], 0);
  EXPECT_TRUE(customer["facebook_id"].is_null());
  // Above every generated id (the next whole million), so never one of the population's.
  for (size_t i = 0; i + 1 < shop_->customer_count(); ++i) {
    EXPECT_LT(std::stoull(shop_->customer_at(i).id), std::stoull(id));
  }
  EXPECT_EQ(id.substr(id.size() - 6), "000001");

  auto read = api_.Handle(Get("/admin/customers/" + id + ".json"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Body(read)["customer"], customer);
  auto search = api_.Handle(Get("/admin/customers/search.json?email=new.person%40EXAMPLE.org"));
  ASSERT_EQ(search.status, 200);
  ASSERT_EQ(Body(search)["customers"].size(), 1u);
  EXPECT_EQ(Body(search)["customers"][0]["id"], id);
  EXPECT_EQ(shop_->FindByPhone("+44 7700 900999").size(), 1u);
  EXPECT_EQ(shop_->customer_at(shop_->customer_count() - 1).id, id);  // last in the list

  ASSERT_EQ(announced_.size(), 1u);
  EXPECT_EQ(announced_[0].id, id);
  EXPECT_TRUE(announced_[0].created);

  auto second = Create({{"email", "another@example.org"}});
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(std::stoull(Body(second)["customer"]["id"].get<std::string>()), std::stoull(id) + 1);
}

TEST_F(CustomerWritesTest, ChangedEmailFindsTheCustomerAndTheOldOneNoLonger) {
  auto response = api_.Handle(Put("/admin/customers/6108000123.json",
                                  R"({"customer": {"email": "jane.new@example.net",
                                                    "facebook_id": null}})"));
  ASSERT_EQ(response.status, 200) << response.body;
  const json customer = Body(response)["customer"];
  EXPECT_EQ(customer["email"], "jane.new@example.net");
  EXPECT_EQ(customer["first_name"], "Jane");  // untouched fields stay
  EXPECT_TRUE(customer["facebook_id"].is_null());
  EXPECT_EQ(shop_->FindByEmail("JANE.NEW@example.net").size(), 1u);
  EXPECT_TRUE(shop_->FindByEmail("jane.doe@example.com").empty());
  EXPECT_EQ(shop_->FindCustomer("6108000123")->email, "jane.new@example.net");
  EXPECT_EQ(Body(api_.Handle(Get("/admin/customers/6108000123.json")))["customer"], customer);
  ASSERT_EQ(announced_.size(), 1u);
  EXPECT_EQ(announced_[0].id, "6108000123");
  EXPECT_FALSE(announced_[0].created);
}

TEST_F(CustomerWritesTest, AnEmailSomeoneElseHasIsTaken) {
  auto taken = Create({{"email", "JANE.DOE@example.com"}});
  EXPECT_EQ(taken.status, 422);
  EXPECT_EQ(Body(taken)["errors"]["email"][0], "has already been taken");
  ASSERT_EQ(Create({{"email", "someone@example.org"}}).status, 201);
  auto change = api_.Handle(
      Put("/admin/customers/6108000123.json", R"({"customer": {"email": "Someone@example.org"}})"));
  EXPECT_EQ(change.status, 422) << change.body;
  // Keeping one's own e-mail (in another case) is no conflict.
  auto own = api_.Handle(Put("/admin/customers/6108000123.json",
                             R"({"customer": {"email": "jane.doe@EXAMPLE.com"}})"));
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(announced_.size(), 2u);  // the created customer and the last change
}

TEST_F(CustomerWritesTest, HostileBodiesAreRefusedNamingTheField) {
  const std::string huge(70000, 'x');
  struct Case {
    std::string body;
    int status;
    std::string field;  // empty: the body's shape ({"errors": "..."})
  };
  const std::vector<Case> cases = {
      {"{\"customer\": {\"email\": ", 400, ""},
      {"not json", 400, ""},
      {"\"\xff\xfe\"", 400, ""},
      {"[]", 400, ""},
      {R"({"customer": "a@b.co"})", 400, ""},
      {R"({"person": {"email": "a@b.co"}})", 400, ""},
      {R"({"customer": {}})", 422, "email"},
      {R"({"customer": {"first_name": "No Mail"}})", 422, "email"},
      {R"({"customer": {"email": null}})", 422, "email"},
      {R"({"customer": {"email": "   "}})", 422, "email"},
      {R"({"customer": {"email": 42}})", 422, "email"},
      {R"({"customer": {"email": ["a@b.co"]}})", 422, "email"},
      {R"({"customer": {"email": "no-at-sign"}})", 422, "email"},
      {R"({"customer": {"email": "two@@b.co"}})", 422, "email"},
      {R"({"customer": {"email": "a b@c.co"}})", 422, "email"},
      {R"({"customer": {"email": "a@nodot"}})", 422, "email"},
      {R"({"customer": {"email": "a@b.co\u0000x"}})", 422, "email"},
      {R"({"customer": {"email": ")" + std::string(300, 'a') + R"(@b.co"}})", 422, "email"},
      {R"({"customer": {"email": "a@b.co", "phone": "call me"}})", 422, "phone"},
      {R"({"customer": {"email": "a@b.co", "phone": "12345"}})", 422, "phone"},
      {R"({"customer": {"email": "a@b.co", "phone": ")" + std::string(60, '1') + R"("}})", 422,
       "phone"},
      {R"({"customer": {"email": "a@b.co", "first_name": ")" + huge + R"("}})", 422, "first_name"},
      {R"({"customer": {"email": "a@b.co", "last_name": "line\nbreak"}})", 422, "last_name"},
      {R"({"customer": {"email": "a@b.co", "twitter_handle": "@no spaces"}})", 422,
       "twitter_handle"},
      {R"({"customer": {"email": "a@b.co", "facebook_id": "1'; DROP TABLE"}})", 422, "facebook_id"},
      {R"({"customer": {"email": "a@b.co", "phone": {"n": 1}}})", 422, "phone"},
  };
  for (const Case& test : cases) {
    const auto response = api_.Handle(Post("/admin/customers.json", test.body));
    const std::string shown = test.body.substr(0, 80);
    EXPECT_EQ(response.status, test.status) << shown << ": " << response.body;
    const json body = Body(response);  // always JSON
    if (test.field.empty()) {
      EXPECT_TRUE(body["errors"].is_string()) << shown << ": " << response.body;
    } else {
      EXPECT_TRUE(body["errors"].contains(test.field)) << shown << ": " << response.body;
    }
    EXPECT_LT(response.body.size(), 1000u) << shown;  // a huge field is not echoed
  }
  EXPECT_TRUE(announced_.empty());
  EXPECT_EQ(shop_->customer_count(), MakeShop()->customer_count());
}

TEST_F(CustomerWritesTest, ChangesAreValidatedAndNeedAnExistingCustomer) {
  auto missing = api_.Handle(Put("/admin/customers/1.json", R"({"customer": {"phone": null}})"));
  EXPECT_EQ(missing.status, 404);
  auto cleared =
      api_.Handle(Put("/admin/customers/6108000123.json", R"({"customer": {"email": null}})"));
  EXPECT_EQ(cleared.status, 422);
  EXPECT_EQ(Body(cleared)["errors"]["email"][0], "can't be blank");
  auto bad_id = api_.Handle(Put("/admin/customers/abc.json", R"({"customer": {}})"));
  EXPECT_EQ(bad_id.status, 400);
  ApiRequest plain = Put("/admin/customers/6108000123.json", R"({"customer": {}})");
  plain.headers = {{"Content-Type", "text/plain"}};
  EXPECT_EQ(api_.Handle(plain).status, 415);
  auto on_orders = api_.Handle(Put("/admin/customers/6108000123/orders.json", "{}"));
  EXPECT_EQ(on_orders.status, 405);
  auto delete_list = api_.Handle(Post("/admin/customers.json", "{}", "", "DELETE"));
  EXPECT_EQ(delete_list.status, 405);
  EXPECT_EQ(HeaderOf(delete_list, "Allow"), "GET, POST");
  EXPECT_TRUE(announced_.empty());
}

TEST_F(CustomerWritesTest, ARepeatedCreateWithTheSameKeyCreatesOnce) {
  const std::string body = R"({"customer": {"email": "once@example.org"}})";
  auto first = api_.Handle(Post("/admin/customers.json", body, "create-1"));
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = api_.Handle(Post("/admin/customers.json", body, "create-1"));
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(HeaderOf(again, "Idempotent-Replayed"), "true");
  EXPECT_EQ(announced_.size(), 1u);
}

}  // namespace
}  // namespace omnihub::ecommerce_sim
