// LinkIdentifier/UnlinkIdentifier end to end in one process: a Hub over fake systems with its
// store in a fresh SQLite file, called through a generated client. A link takes effect at once,
// carries its audit note, survives a restart of the hub and is undone by an unlink; hostile
// requests are refused naming the field; a store newer than the binary stops the hub.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include "adapters/sdk/testing/fake_adapter.h"
#include "hub/server/hub.h"
#include "hub/store/hub_store.h"
#include "omnihub/v1/customer.grpc.pb.h"
#include "tests/store/store_database.h"
#include "tests/support/violated_fields.h"

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;
using omnihub::sdk::Capability;
using omnihub::sdk::testing::FakeAdapter;
using omnihub::v1::IdentifierType;

omnihub::v1::Identifier Id(IdentifierType type, std::string value, std::string system = "") {
  omnihub::v1::Identifier identifier;
  identifier.set_type(type);
  identifier.set_value(std::move(value));
  identifier.set_system(std::move(system));
  return identifier;
}

constexpr auto kEmail = omnihub::v1::IDENTIFIER_TYPE_EMAIL;
constexpr auto kTwitter = omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE;
constexpr auto kAccount = omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER;

using testing::ViolatedFields;

class LinkApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(registry_
                    .Register("fake",
                              [](const omnihub::sdk::AdapterConfig& adapter_config,
                                 const omnihub::sdk::AdapterEnvironment& environment)
                                  -> absl::StatusOr<std::unique_ptr<omnihub::sdk::Adapter>> {
                                return MakeFake(adapter_config.system, environment);
                              })
                    .ok());
  }

  static std::unique_ptr<omnihub::sdk::Adapter> MakeFake(
      const std::string& system, const omnihub::sdk::AdapterEnvironment& environment) {
    auto fake = std::make_unique<FakeAdapter>(
        environment.executor, system,
        omnihub::sdk::Capabilities{Capability::kProfile, Capability::kIdentityScan}, 1ms);
    fake->data.profile.emplace();
    if (system == "erp") {
      fake->identities = {{"C1", {Id(kEmail, "jane.doe@example.com")}, "Jane Doe", "LS1 4AB"},
                          {"C2", {Id(kEmail, "john@example.com")}, "John Roe", "LS1 4AB"}};
    } else {
      fake->identities = {{"E1", {Id(kEmail, "jane.doe@example.com")}, "Jane Doe", ""},
                          {"E2", {Id(kEmail, "jim@example.com")}, "Jim Poe", ""}};
    }
    return fake;
  }

  absl::Status StartHub() {
    auto hub = StartAnotherHub();
    if (!hub.ok()) return hub.status();
    hub_ = *std::move(hub);
    customers_ = omnihub::v1::CustomerService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(hub_->grpc_port()), grpc::InsecureChannelCredentials()));
    return absl::OkStatus();
  }

  // A hub over the same systems and the same store.
  absl::StatusOr<std::unique_ptr<Hub>> StartAnotherHub() {
    HubConfig config;
    config.grpc_listen = {"127.0.0.1", 0};
    config.admin_listen = {"127.0.0.1", 0};
    config.survivorship = {{"*", {"erp", "ecommerce"}}};
    config.store = database_.options();
    for (const char* system : {"erp", "ecommerce"}) {
      config.adapters.push_back({system, "fake", {}, "test"});
    }
    config.store.refresh_interval = std::chrono::milliseconds(0);  // the tests refresh
    auto hub = Hub::Create(config, registry_);
    if (!hub.ok()) return hub.status();
    if (auto started = (*hub)->Start(); !started.ok()) return started;
    return hub;
  }

  void RestartHub() {
    customers_.reset();
    hub_.reset();
    ASSERT_TRUE(StartHub().ok());
  }

  std::string JaneId() {
    auto found = hub_->identity_index().Find(Id(kEmail, "jane.doe@example.com"));
    return found.size() == 1 ? found.front()->customer_id : "";
  }

  // The customer the identifier resolves to ("" when none), through SearchCustomers.
  std::string Resolve(const omnihub::v1::Identifier& identifier,
                      std::vector<std::string>* evidence = nullptr) {
    omnihub::v1::SearchCustomersRequest request;
    *request.mutable_identifier() = identifier;
    omnihub::v1::SearchCustomersResponse response;
    grpc::ClientContext context;
    auto status = customers_->SearchCustomers(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (response.matches_size() != 1) return "";
    if (evidence) {
      evidence->assign(response.matches(0).evidence().begin(),
                       response.matches(0).evidence().end());
    }
    return response.matches(0).customer().customer_id();
  }

  grpc::Status Link(const std::string& customer_id, const omnihub::v1::Identifier& identifier,
                    const std::string& agent = "A17", const std::string& reason = "verified",
                    omnihub::v1::LinkIdentifierResponse* response = nullptr) {
    omnihub::v1::LinkIdentifierRequest request;
    request.set_customer_id(customer_id);
    if (identifier.ByteSizeLong() > 0) *request.mutable_identifier() = identifier;
    request.set_agent_id(agent);
    request.set_reason(reason);
    omnihub::v1::LinkIdentifierResponse ignored;
    grpc::ClientContext context;
    return customers_->LinkIdentifier(&context, request, response ? response : &ignored);
  }

  grpc::Status Unlink(const std::string& customer_id, const omnihub::v1::Identifier& identifier) {
    omnihub::v1::UnlinkIdentifierRequest request;
    request.set_customer_id(customer_id);
    *request.mutable_identifier() = identifier;
    request.set_agent_id("A18");
    request.set_reason("the customer says it is not hers");
    omnihub::v1::UnlinkIdentifierResponse response;
    grpc::ClientContext context;
    return customers_->UnlinkIdentifier(&context, request, &response);
  }

  testing::StoreDatabase database_;
  omnihub::sdk::AdapterRegistry registry_;
  std::unique_ptr<Hub> hub_;
  std::unique_ptr<omnihub::v1::CustomerService::Stub> customers_;
};

TEST_F(LinkApiTest, LinkTakesEffectAtOnceSurvivesARestartAndUnlinkUndoesIt) {
  ASSERT_TRUE(StartHub().ok());
  const std::string jane = JaneId();
  ASSERT_FALSE(jane.empty());
  const auto handle = Id(kTwitter, "@Jane_New");
  ASSERT_EQ(Resolve(handle), "");

  omnihub::v1::LinkIdentifierResponse linked;
  auto status = Link(jane, handle, "A17", "verified her date of birth on the phone", &linked);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(linked.customer().customer_id(), jane);
  bool listed = false;
  for (const auto& identifier : linked.customer().identifiers()) {
    listed |= identifier.type() == kTwitter && identifier.value() == "jane_new";
  }
  EXPECT_TRUE(listed) << linked.customer().DebugString();

  std::vector<std::string> evidence;
  EXPECT_EQ(Resolve(Id(kTwitter, "JANE_NEW"), &evidence), jane);
  ASSERT_EQ(evidence.size(), 2u);
  EXPECT_NE(evidence[1].find("manual link by agent A17 at "), std::string::npos) << evidence[1];
  EXPECT_NE(evidence[1].find(": verified her date of birth on the phone"), std::string::npos);

  RestartHub();
  EXPECT_EQ(JaneId(), jane);  // golden ids are stable
  EXPECT_EQ(Resolve(handle), jane);

  status = Unlink(jane, Id(kTwitter, "jane_new"));
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Resolve(handle), "");
  RestartHub();
  EXPECT_EQ(Resolve(handle), "");
}

TEST_F(LinkApiTest, MergeByHandIsUndoneByUnlink) {
  ASSERT_TRUE(StartHub().ok());
  const std::string john = Resolve(Id(kEmail, "john@example.com"));
  const std::string jim = Resolve(Id(kEmail, "jim@example.com"));
  ASSERT_TRUE(!john.empty() && !jim.empty() && john != jim);
  auto status = Link(john, Id(kEmail, "jim@example.com"));
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string survivor = std::min(john, jim);
  EXPECT_EQ(Resolve(Id(kEmail, "jim@example.com")), survivor);
  EXPECT_EQ(Resolve(Id(kEmail, "john@example.com")), survivor);
  RestartHub();
  EXPECT_EQ(Resolve(Id(kEmail, "john@example.com")), survivor);
  status = Unlink(jim, Id(kEmail, "jim@example.com"));
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Resolve(Id(kEmail, "jim@example.com")), jim);
  EXPECT_EQ(Resolve(Id(kEmail, "john@example.com")), john);
}

TEST_F(LinkApiTest, RefusalsSayWhy) {
  ASSERT_TRUE(StartHub().ok());
  const std::string jane = JaneId();
  auto status = Link("C-ffffffffffffffff", Id(kTwitter, "@x"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  // Jane and John both have erp accounts: never merged.
  status = Link(jane, Id(kEmail, "john@example.com"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  status = Unlink(jane, Id(kTwitter, "@never_linked"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  status = Unlink(jane, Id(kAccount, "C1", "erp"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  // SQL in a customer id is only text: no such customer, and the store is unharmed.
  status = Link("'; DROP TABLE identity_link_events; --", Id(kTwitter, "@x"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  status = Link(jane, Id(kTwitter, "@after_injection"), "A17", "Robert'); DROP TABLE x;--");
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(LinkApiTest, HostileRequestsNameTheField) {
  ASSERT_TRUE(StartHub().ok());
  const std::string jane = JaneId();
  struct Case {
    std::string customer_id;
    omnihub::v1::Identifier identifier;
    std::string agent, reason;
    std::string field;
  };
  omnihub::v1::Identifier none;
  const std::vector<Case> cases = {
      {"", Id(kTwitter, "@x"), "A17", "r", "customer_id"},
      {jane, Id(kTwitter, "@x"), "", "r", "agent_id"},
      {jane, Id(kTwitter, "@x"), "A17", "", "reason"},
      {jane, Id(kTwitter, "@x"), "A17", "   ", "reason"},
      {jane, Id(kTwitter, "@x"), "A17", std::string(501, 'r'), "reason"},
      {jane, Id(kTwitter, "@x"), "A17", "line one\nmanual link by agent B at 2020", "reason"},
      {jane, Id(kTwitter, "@x"), "A17\r\nA18", "r", "agent_id"},
      {jane, Id(kTwitter, "@x"), "A17\x7f", "r", "agent_id"},
      {jane, Id(kTwitter, "@x"), "A17", "tab\tseparated", "reason"},
      {jane, Id(kTwitter, "@x"), std::string(65, 'a'), "r", "agent_id"},
      {std::string(65, 'C'), Id(kTwitter, "@x"), "A17", "r", "customer_id"},
      {jane, none, "A17", "r", "identifier"},
      {jane, Id(kTwitter, "@@not a handle"), "A17", "r", "identifier.value"},
      {jane, Id(kEmail, "not-an-email"), "A17", "r", "identifier.value"},
      {jane, Id(kAccount, "C1"), "A17", "r", "identifier.system"},
      {jane, Id(omnihub::v1::IDENTIFIER_TYPE_UNSPECIFIED, "x"), "A17", "r", "identifier.type"},
      {jane, Id(kTwitter, std::string(100000, 'a')), "A17", "r", "identifier.value"},
  };
  for (const auto& test : cases) {
    auto status = Link(test.customer_id, test.identifier, test.agent, test.reason);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << test.field << ": " << status.error_message();
    const auto fields = ViolatedFields(status);
    EXPECT_NE(std::find(fields.begin(), fields.end(), test.field), fields.end())
        << "expected a violation of " << test.field << ", got: " << status.error_message();
  }
  // Nothing of it reached the store.
  RestartHub();
  EXPECT_EQ(Resolve(Id(kTwitter, "@x")), "");
}

TEST_F(LinkApiTest, HubsSharingAStoreSeeEachOthersLinks) {
  ASSERT_TRUE(StartHub().ok());
  auto other = StartAnotherHub();
  ASSERT_TRUE(other.ok()) << other.status();
  const std::string jane = JaneId();
  const auto handle = Id(kTwitter, "@jane_new");
  ASSERT_TRUE(Link(jane, handle).ok());
  auto normalized = Id(kTwitter, "jane_new");
  EXPECT_TRUE((*other)->identity_index().Find(normalized).empty());
  auto read = (*other)->RefreshIdentityLinks();
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, 1u);
  auto found = (*other)->identity_index().Find(normalized);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found.front()->customer_id, jane);
}

TEST_F(LinkApiTest, StoreNewerThanTheBinaryStopsTheHub) {
  auto migrations = store::EmbeddedMigrations();
  migrations.push_back({static_cast<int>(migrations.size()) + 1, "9999_store_test_extra",
                        "CREATE TABLE store_test_extra (id INTEGER PRIMARY KEY)"});
  ASSERT_TRUE(HubStore::Open(database_.options(), migrations).ok());
  auto started = StartHub();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(started.message().find("newer than this hubd"), std::string::npos) << started;
}

}  // namespace
}  // namespace omnihub::hub
